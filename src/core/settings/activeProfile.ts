import type { Profile } from '../../shared/contract/settings';
import { AgentError, NO_CHOICE, type ConversationChoice } from '../agent/types';
import type { ProviderConnection } from '../providers/providerConnection';
import type { StoredGeneralSettings } from './generalSettings';
import type { ProfileSettings } from './profileSettings';
import type { ProviderSettings } from './providerSettings';

/** A tool as a profile sees it: built-in, or from an MCP server. */
export interface ToolIdentity {
  readonly name: string;
  /** Where it comes from; absent: built in. */
  readonly source?: { readonly kind: 'builtin' } | { readonly kind: 'mcp'; readonly serverId: string };
}

/** What one agent run uses: the profile, how to reach its provider, and how many steps it may take. */
export interface ActiveProfile {
  readonly profile: Profile;
  readonly connection: ProviderConnection;
  readonly model: string;
  /** The system prompt: the conversation's own instructions, or its profile's. */
  readonly instructions: string;
  /** Whether the profile lets the run use this tool. */
  allowsTool(tool: ToolIdentity): boolean;
  readonly maxIterations: number;
  /** How long one model call may take to start answering, retries included. */
  readonly replyWaitMs: number;
}

export interface ActiveProfileSources {
  readonly profiles: ProfileSettings;
  readonly providers: ProviderSettings;
  readonly general: StoredGeneralSettings;
}

/**
 * What a run in a conversation uses: its profile (or the default one, when it has none or it was
 * deleted), its own model and instructions where it chose them. Throws
 * `AgentError('not_configured')` saying what is missing.
 */
export async function resolveActiveProfile(
  { profiles: profileSettings, providers, general: generalSettings }: ActiveProfileSources,
  choice: ConversationChoice = NO_CHOICE,
): Promise<ActiveProfile> {
  const profiles = profileSettings.list();
  const profile =
    profiles.find((candidate) => candidate.id === choice.profileId) ??
    profiles.find((candidate) => candidate.isDefault);
  if (!profile) {
    throw new AgentError(
      'not_configured',
      'No model provider is configured yet. Add one in Settings, or set OPENAI_API_KEY (or ANTHROPIC_API_KEY) and restart Navi.',
    );
  }
  // The conversation's own model, while its provider exists.
  const own = choice.providerId && choice.model && providers.exists(choice.providerId);
  const providerId = own ? choice.providerId! : profile.providerId;
  const model = own ? choice.model! : profile.model;
  if (!model) {
    throw new AgentError(
      'not_configured',
      'No model is chosen. Set NAVI_MODEL to the model to use with OPENAI_BASE_URL, or create a profile in Settings.',
    );
  }
  if (!providers.exists(providerId)) {
    throw new AgentError(
      'not_configured',
      `The profile "${profile.name}" uses a provider that no longer exists. Choose another provider for it in Settings.`,
    );
  }
  const connection = await providers.connection(providerId);
  const general = generalSettings.get();
  return {
    profile,
    connection,
    model,
    instructions: choice.instructions ?? profile.systemPrompt,
    allowsTool: (tool) =>
      tool.source?.kind === 'mcp'
        ? profile.enabledMcpServers === null || profile.enabledMcpServers.includes(tool.source.serverId)
        : profile.enabledTools === null || profile.enabledTools.includes(tool.name),
    maxIterations: general.maxIterations,
    replyWaitMs: general.replyWaitSeconds * 1000,
  };
}
