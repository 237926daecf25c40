import { randomUUID } from 'node:crypto';
import {
  DEFAULT_INSTRUCTIONS,
  DEFAULT_REPLY_WAIT_SECONDS,
  MIN_REPLY_WAIT_SECONDS,
  QuietHours,
  type AddProviderInput,
  type GeneralSettings,
  type Profile,
  type Provider,
  type ProviderDraft,
  type SaveProfileInput,
  type SettingsChange,
  type UpdateGeneralInput,
  type UpdateProviderInput,
} from '../../shared/contract/settings';
import type { Disposable } from '../../shared/rpc/disposable';
import { Emitter, type Event } from '../../shared/rpc/emitter';
import { RpcError } from '../../shared/rpc/errors';
import { AgentError, NO_CHOICE, type ConversationChoice } from '../agent/types';
import { effectiveBaseUrl, KIND_LABELS, type ProviderConnection } from '../providers/providerConnection';
import { SecretStoreUnavailableError, type Secrets } from '../secrets/secrets';
import { ENV_PROFILE_ID, readEnvSettings, type Env, type EnvProfile } from './envSettings';
import type { ProfileChoices, SettingsStore, StoredProfile, StoredProvider } from './settingsStore';

export const DEFAULT_MAX_ITERATIONS = 10;
const MAX_ITERATIONS_KEY = 'maxIterations';
const REPLY_WAIT_KEY = 'replyWaitSeconds';
/** What a person chose for the environment's profile (its provider and model stay the environment's). */
const ENV_PROFILE_CHOICES_KEY = 'envProfileChoices';
const DEFAULT_PROFILE_KEY = 'defaultProfileId';
const QUIET_HOURS_KEY = 'quietHours';

/** The name a stored provider's key has in the Secrets port. */
export function providerKeyName(providerId: string): string {
  return `provider.${providerId}.apiKey`;
}

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

export interface AgentSettingsOptions {
  readonly store: SettingsStore;
  readonly secrets: Secrets;
  readonly env: Env;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/**
 * Providers, profiles and general settings: the stored ones (SQLite, keys in Secrets) merged with
 * the ones the environment configures (memory only). Errors are `RpcError`s with readable messages.
 */
export class AgentSettings implements Disposable {
  private readonly store: SettingsStore;
  private readonly secrets: Secrets;
  private readonly envProviders: readonly ProviderConnection[];
  private readonly envProfile: EnvProfile | undefined;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly changes = new Emitter<SettingsChange>();

  /** Fires after any change, whichever window made it. */
  readonly onChanged: Event<SettingsChange> = this.changes.event;

  constructor(options: AgentSettingsOptions) {
    this.store = options.store;
    this.secrets = options.secrets;
    const fromEnv = readEnvSettings(options.env);
    this.envProviders = fromEnv.providers;
    this.envProfile = fromEnv.profile;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  dispose(): void {
    this.changes.dispose();
  }

  get canStoreKeys(): boolean {
    return this.secrets.canStore;
  }

  // --- providers -------------------------------------------------------------------------------

  async listProviders(): Promise<Provider[]> {
    const fromEnv = this.envProviders.map(envProviderView);
    const stored = await Promise.all(this.store.listProviders().map((provider) => this.storedProviderView(provider)));
    return [...fromEnv, ...stored];
  }

  async addProvider(input: AddProviderInput): Promise<Provider> {
    const time = this.now();
    const provider: StoredProvider = {
      id: this.newId(),
      kind: input.kind,
      name: input.name,
      baseUrl: input.baseURL ?? null,
      createdAt: time,
      updatedAt: time,
    };
    // The key first: if the store refuses it, nothing half-configured is left behind.
    if (input.apiKey !== undefined) await this.storeKey(provider.id, input.apiKey);
    try {
      this.store.insertProvider(provider);
    } catch (error) {
      if (input.apiKey !== undefined) await this.secrets.delete(providerKeyName(provider.id));
      throw error;
    }
    this.changes.fire({ scope: 'providers' });
    return this.storedProviderView(provider);
  }

  async updateProvider(input: UpdateProviderInput): Promise<Provider> {
    const existing = this.requireStoredProvider(input.id);
    if (input.baseURL === null && existing.kind === 'openai-compatible') {
      throw new RpcError('invalid_input', 'An OpenAI-compatible provider needs a base URL');
    }
    if (input.apiKey === null) await this.secrets.delete(providerKeyName(existing.id));
    else if (input.apiKey !== undefined) await this.storeKey(existing.id, input.apiKey);
    const updated: StoredProvider = {
      ...existing,
      name: input.name ?? existing.name,
      baseUrl: input.baseURL === undefined ? existing.baseUrl : input.baseURL,
      updatedAt: this.now(),
    };
    this.store.updateProvider(updated);
    this.changes.fire({ scope: 'providers' });
    return this.storedProviderView(updated);
  }

  async removeProvider(id: string): Promise<boolean> {
    this.refuseEnvProvider(id);
    const users = this.store.profilesUsingProvider(id);
    if (users.length > 0) {
      const names = users.map((profile) => `"${profile.name}"`).join(', ');
      throw new RpcError(
        'conflict',
        `This provider is used by the profile${users.length === 1 ? '' : 's'} ${names}. Change or delete ${users.length === 1 ? 'it' : 'them'} first.`,
      );
    }
    const removed = this.store.deleteProvider(id);
    await this.secrets.delete(providerKeyName(id));
    if (removed) this.changes.fire({ scope: 'providers' });
    return removed;
  }

  /** How to reach a provider, key included (core-internal; never returned over the contract). */
  async connection(providerId: string): Promise<ProviderConnection> {
    const fromEnv = this.envProviders.find((provider) => provider.id === providerId);
    if (fromEnv) return fromEnv;
    const stored = this.requireStoredProvider(providerId);
    const apiKey = await this.secrets.get(providerKeyName(stored.id));
    return {
      id: stored.id,
      kind: stored.kind,
      name: stored.name,
      baseURL: effectiveBaseUrl(stored.kind, stored.baseUrl),
      apiKey,
      keySource: apiKey === undefined ? 'none' : 'stored',
    };
  }

  /** A connection for a provider typed into a form but not saved. */
  draftConnection(draft: ProviderDraft): ProviderConnection {
    return {
      id: 'draft',
      kind: draft.kind,
      name: KIND_LABELS[draft.kind],
      baseURL: effectiveBaseUrl(draft.kind, draft.baseURL),
      apiKey: draft.apiKey,
      keySource: draft.apiKey === undefined ? 'none' : 'stored',
    };
  }

  // --- profiles --------------------------------------------------------------------------------

  listProfiles(): Profile[] {
    const defaultId = this.defaultProfileId();
    const profiles: Profile[] = [];
    if (this.envProfile) profiles.push(envProfileView(this.envProfile, defaultId, this.envProfileChoices()));
    for (const stored of this.store.listProfiles()) profiles.push(storedProfileView(stored, defaultId));
    return profiles;
  }

  getProfile(id: string): Profile | undefined {
    return this.listProfiles().find((profile) => profile.id === id);
  }

  /** The profile a conversation uses: its own while it exists, else the default one. */
  profileFor(profileId: string | null): Profile | undefined {
    const profiles = this.listProfiles();
    return profiles.find((profile) => profile.id === profileId) ?? profiles.find((profile) => profile.isDefault);
  }

  saveProfile(input: SaveProfileInput): Profile {
    if (input.id === ENV_PROFILE_ID) return this.saveEnvProfile(input);
    const existing = input.id === undefined ? undefined : this.store.getProfile(input.id);
    if (input.id !== undefined && !existing) throw new RpcError('not_found', 'That profile no longer exists');
    if (!this.providerExists(input.providerId)) {
      throw new RpcError(
        'invalid_input',
        'That provider does not exist (any more). Choose one of the configured providers.',
      );
    }
    const sameName = this.store.findProfileByName(input.name);
    const envName = this.envProfile?.name.toLocaleLowerCase() === input.name.toLocaleLowerCase();
    if (envName || (sameName && sameName.id !== existing?.id)) {
      throw new RpcError('conflict', `A profile named "${input.name}" already exists. Choose another name.`);
    }
    const time = this.now();
    const profile: StoredProfile = {
      id: existing?.id ?? this.newId(),
      name: input.name,
      providerId: input.providerId,
      model: input.model,
      createdAt: existing?.createdAt ?? time,
      updatedAt: time,
      ...choicesOf(input, existing),
    };
    this.store.saveProfile(profile);
    this.changes.fire({ scope: 'profiles' });
    return storedProfileView(profile, this.defaultProfileId());
  }

  /** The environment's profile: its instructions, tools and recall default can change; not where it comes from. */
  private saveEnvProfile(input: SaveProfileInput): Profile {
    const env = this.envProfile;
    if (!env) throw new RpcError('not_found', 'That profile no longer exists');
    if (input.name !== env.name || input.providerId !== env.providerId || input.model !== (env.model ?? '')) {
      throw new RpcError(
        'invalid_input',
        'The name, provider and model of the profile from the environment cannot be edited. Create a profile of your own (it may use the same provider).',
      );
    }
    this.store.setValue(ENV_PROFILE_CHOICES_KEY, choicesOf(input, this.envProfileChoices()));
    this.changes.fire({ scope: 'profiles' });
    return envProfileView(env, this.defaultProfileId(), this.envProfileChoices());
  }

  private envProfileChoices(): ProfileChoices {
    const stored = this.store.getValue(ENV_PROFILE_CHOICES_KEY) as Partial<ProfileChoices> | undefined;
    return {
      systemPrompt:
        typeof stored?.systemPrompt === 'string' ? stored.systemPrompt : (this.envProfile?.systemPrompt ?? ''),
      enabledTools: Array.isArray(stored?.enabledTools) ? stored.enabledTools : null,
      enabledMcpServers: Array.isArray(stored?.enabledMcpServers) ? stored.enabledMcpServers : null,
      recallMissedPolicy:
        stored?.recallMissedPolicy === 'skip' || stored?.recallMissedPolicy === 'catch_up_once'
          ? stored.recallMissedPolicy
          : null,
    };
  }

  deleteProfile(id: string): boolean {
    if (id === ENV_PROFILE_ID) {
      throw new RpcError(
        'invalid_input',
        'The profile from the environment cannot be deleted; unset NAVI_MODEL and the API key variables instead.',
      );
    }
    const deleted = this.store.deleteProfile(id);
    if (this.store.getValue(DEFAULT_PROFILE_KEY) === id) this.store.deleteValue(DEFAULT_PROFILE_KEY);
    if (deleted) this.changes.fire({ scope: 'profiles' });
    return deleted;
  }

  setDefaultProfile(id: string): Profile {
    const profile = this.listProfiles().find((candidate) => candidate.id === id);
    if (!profile) throw new RpcError('not_found', 'That profile no longer exists');
    this.store.setValue(DEFAULT_PROFILE_KEY, id);
    this.changes.fire({ scope: 'profiles' });
    return { ...profile, isDefault: true };
  }

  // --- general ---------------------------------------------------------------------------------

  general(): GeneralSettings {
    const stored = this.store.getValue(MAX_ITERATIONS_KEY);
    const maxIterations =
      typeof stored === 'number' && Number.isInteger(stored) && stored > 0 ? stored : DEFAULT_MAX_ITERATIONS;
    const wait = this.store.getValue(REPLY_WAIT_KEY);
    const replyWaitSeconds =
      typeof wait === 'number' && Number.isInteger(wait) && wait >= MIN_REPLY_WAIT_SECONDS
        ? wait
        : DEFAULT_REPLY_WAIT_SECONDS;
    return { maxIterations, replyWaitSeconds, canStoreKeys: this.secrets.canStore, quietHours: this.quietHours() };
  }

  /** When recall notifications are held; null when off (the default) or what is stored is not a window. */
  quietHours(): QuietHours | null {
    const parsed = QuietHours.safeParse(this.store.getValue(QUIET_HOURS_KEY));
    return parsed.success ? parsed.data : null;
  }

  updateGeneral(input: UpdateGeneralInput): GeneralSettings {
    if (input.maxIterations !== undefined) this.store.setValue(MAX_ITERATIONS_KEY, input.maxIterations);
    if (input.replyWaitSeconds !== undefined) this.store.setValue(REPLY_WAIT_KEY, input.replyWaitSeconds);
    if (input.quietHours === null) this.store.deleteValue(QUIET_HOURS_KEY);
    else if (input.quietHours !== undefined) this.store.setValue(QUIET_HOURS_KEY, input.quietHours);
    this.changes.fire({ scope: 'general' });
    return this.general();
  }

  // --- for the agent ---------------------------------------------------------------------------

  /** The default profile, ready to run; throws `AgentError('not_configured')` saying what is missing. */
  /**
   * What a run in a conversation uses: its profile (or the default one, when it has none or it was
   * deleted), its own model and instructions where it chose them. Throws
   * `AgentError('not_configured')` saying what is missing.
   */
  async activeProfile(choice: ConversationChoice = NO_CHOICE): Promise<ActiveProfile> {
    const profiles = this.listProfiles();
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
    const own = choice.providerId && choice.model && this.providerExists(choice.providerId);
    const providerId = own ? choice.providerId! : profile.providerId;
    const model = own ? choice.model! : profile.model;
    if (!model) {
      throw new AgentError(
        'not_configured',
        'No model is chosen. Set NAVI_MODEL to the model to use with OPENAI_BASE_URL, or create a profile in Settings.',
      );
    }
    if (!this.providerExists(providerId)) {
      throw new AgentError(
        'not_configured',
        `The profile "${profile.name}" uses a provider that no longer exists. Choose another provider for it in Settings.`,
      );
    }
    const connection = await this.connection(providerId);
    const general = this.general();
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

  // --- helpers ---------------------------------------------------------------------------------

  /** The explicitly chosen default when it still exists, else the environment's, else the oldest profile. */
  private defaultProfileId(): string | undefined {
    const chosen = this.store.getValue(DEFAULT_PROFILE_KEY);
    if (typeof chosen === 'string') {
      if (chosen === ENV_PROFILE_ID && this.envProfile) return chosen;
      if (this.store.getProfile(chosen)) return chosen;
    }
    if (this.envProfile) return this.envProfile.id;
    return this.store.listProfiles()[0]?.id;
  }

  private providerExists(id: string): boolean {
    return this.envProviders.some((provider) => provider.id === id) || this.store.getProvider(id) !== undefined;
  }

  private refuseEnvProvider(id: string): void {
    const fromEnv = this.envProviders.find((provider) => provider.id === id);
    if (fromEnv) {
      throw new RpcError(
        'invalid_input',
        `This provider comes from the environment (${fromEnv.keyEnvVar ?? 'OPENAI_BASE_URL'}). Change the environment and restart Navi to change it.`,
      );
    }
  }

  private requireStoredProvider(id: string): StoredProvider {
    this.refuseEnvProvider(id);
    const provider = this.store.getProvider(id);
    if (!provider) throw new RpcError('not_found', 'That provider no longer exists');
    return provider;
  }

  private async storeKey(providerId: string, apiKey: string): Promise<void> {
    try {
      await this.secrets.set(providerKeyName(providerId), apiKey);
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) throw new RpcError('invalid_input', error.message);
      throw new RpcError('internal', 'The API key could not be saved in the secure store.');
    }
  }

  private async storedProviderView(provider: StoredProvider): Promise<Provider> {
    const hasKey = (await this.secrets.get(providerKeyName(provider.id))) !== undefined;
    return {
      id: provider.id,
      kind: provider.kind,
      name: provider.name,
      baseURL: effectiveBaseUrl(provider.kind, provider.baseUrl),
      source: 'settings',
      hasKey,
      keySource: hasKey ? 'stored' : 'none',
    };
  }
}

function envProviderView(connection: ProviderConnection): Provider {
  return {
    id: connection.id,
    kind: connection.kind,
    name: connection.name,
    baseURL: connection.baseURL,
    source: 'env',
    hasKey: connection.apiKey !== undefined,
    keySource: connection.keySource,
  };
}

function envProfileView(profile: EnvProfile, defaultId: string | undefined, choices: ProfileChoices): Profile {
  return {
    id: profile.id,
    name: profile.name,
    providerId: profile.providerId,
    model: profile.model ?? '',
    isDefault: profile.id === defaultId,
    source: 'env',
    ...choices,
    enabledTools: choices.enabledTools === null ? null : [...choices.enabledTools],
    enabledMcpServers: choices.enabledMcpServers === null ? null : [...choices.enabledMcpServers],
  };
}

function storedProfileView(profile: StoredProfile, defaultId: string | undefined): Profile {
  return {
    id: profile.id,
    name: profile.name,
    systemPrompt: profile.systemPrompt,
    providerId: profile.providerId,
    model: profile.model,
    isDefault: profile.id === defaultId,
    source: 'settings',
    enabledTools: profile.enabledTools === null ? null : [...profile.enabledTools],
    enabledMcpServers: profile.enabledMcpServers === null ? null : [...profile.enabledMcpServers],
    recallMissedPolicy: profile.recallMissedPolicy,
  };
}

/** The choices a save sets: what the input gives, else what was there, else the defaults. */
function choicesOf(input: SaveProfileInput, existing: ProfileChoices | undefined): ProfileChoices {
  return {
    systemPrompt: input.systemPrompt ?? existing?.systemPrompt ?? DEFAULT_INSTRUCTIONS,
    enabledTools: input.enabledTools === undefined ? (existing?.enabledTools ?? null) : input.enabledTools,
    enabledMcpServers:
      input.enabledMcpServers === undefined ? (existing?.enabledMcpServers ?? null) : input.enabledMcpServers,
    recallMissedPolicy:
      input.recallMissedPolicy === undefined ? (existing?.recallMissedPolicy ?? null) : input.recallMissedPolicy,
  };
}
