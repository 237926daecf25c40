import type { Profile, SaveProfileInput } from '../../../../../shared/contract';

export type MissedDefault = 'catch_up_once' | 'skip';

/** A profile as the form holds it, before saving: plain values that survive a reload. */
export interface ProfileDraft {
  readonly name: string;
  readonly providerId: string;
  readonly model: string;
  readonly systemPrompt: string;
  /** All built-in tools (also ones added later), or only `tools`. */
  readonly allTools: boolean;
  readonly tools: readonly string[];
  /** All MCP servers (also ones added later), or only `mcpServers`. */
  readonly allMcpServers: boolean;
  readonly mcpServers: readonly string[];
  readonly recallMissedPolicy: MissedDefault;
}

/** The form's starting point: the profile as it is, or a new one on the default's provider and model. */
export function draftOf(
  profile: Profile | undefined,
  base: Profile | undefined,
  defaultInstructions: string,
): ProfileDraft {
  const from = profile ?? base;
  return {
    name: profile?.name ?? '',
    providerId: from?.providerId ?? '',
    model: from?.model ?? '',
    systemPrompt: profile?.systemPrompt ?? defaultInstructions,
    allTools: profile ? profile.enabledTools === null : true,
    tools: profile?.enabledTools ?? [],
    allMcpServers: profile ? profile.enabledMcpServers === null : true,
    mcpServers: profile?.enabledMcpServers ?? [],
    recallMissedPolicy: profile?.recallMissedPolicy ?? 'catch_up_once',
  };
}

/** What the core is asked to save (it validates again; the form shows its refusals). */
export function inputOf(id: string | undefined, draft: ProfileDraft): SaveProfileInput {
  return {
    id,
    name: draft.name,
    providerId: draft.providerId,
    model: draft.model,
    systemPrompt: draft.systemPrompt,
    enabledTools: draft.allTools ? null : [...draft.tools],
    enabledMcpServers: draft.allMcpServers ? null : [...draft.mcpServers],
    recallMissedPolicy: draft.recallMissedPolicy,
  };
}

export function sameDraft(a: ProfileDraft, b: ProfileDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Adds or removes one name of an enabled list, keeping its order stable. */
export function toggled(list: readonly string[], name: string, on: boolean): string[] {
  const without = list.filter((entry) => entry !== name);
  return on ? [...without, name] : without;
}
