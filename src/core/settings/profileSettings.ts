import {
  DEFAULT_INSTRUCTIONS,
  type Profile,
  type SaveProfileInput,
  type SettingsChange,
} from '../../shared/contract/settings';
import { RpcError } from '../../shared/rpc/errors';
import { ENV_PROFILE_ID, type EnvProfile } from './envSettings';
import type { ProfileChoices, SettingsStore, StoredProfile } from './settingsStore';

/** What a person chose for the environment's profile (its provider and model stay the environment's). */
const ENV_PROFILE_CHOICES_KEY = 'envProfileChoices';
const DEFAULT_PROFILE_KEY = 'defaultProfileId';

export interface ProfileSettingsOptions {
  readonly store: SettingsStore;
  /** The profile the environment configures, if any (memory only; only its choices are stored). */
  readonly envProfile: EnvProfile | undefined;
  /** Whether a profile may use this provider (it is configured). */
  readonly providerExists: (providerId: string) => boolean;
  readonly now: () => number;
  readonly newId: () => string;
  readonly changed: (change: SettingsChange) => void;
}

/** Profiles: the environment's and the stored ones, and which one is the default. */
export class ProfileSettings {
  constructor(private readonly options: ProfileSettingsOptions) {}

  list(): Profile[] {
    const { envProfile, store } = this.options;
    const defaultId = this.defaultProfileId();
    const profiles: Profile[] = [];
    if (envProfile) profiles.push(envProfileView(envProfile, defaultId, this.envProfileChoices()));
    for (const stored of store.listProfiles()) profiles.push(storedProfileView(stored, defaultId));
    return profiles;
  }

  get(id: string): Profile | undefined {
    return this.list().find((profile) => profile.id === id);
  }

  /** The profile a conversation uses: its own while it exists, else the default one. */
  profileFor(profileId: string | null): Profile | undefined {
    const profiles = this.list();
    return profiles.find((profile) => profile.id === profileId) ?? profiles.find((profile) => profile.isDefault);
  }

  save(input: SaveProfileInput): Profile {
    if (input.id === ENV_PROFILE_ID) return this.saveEnvProfile(input);
    const { store } = this.options;
    const existing = input.id === undefined ? undefined : store.getProfile(input.id);
    if (input.id !== undefined && !existing) throw new RpcError('not_found', 'That profile no longer exists');
    if (!this.options.providerExists(input.providerId)) {
      throw new RpcError(
        'invalid_input',
        'That provider does not exist (any more). Choose one of the configured providers.',
      );
    }
    const sameName = store.findProfileByName(input.name);
    const envName = this.options.envProfile?.name.toLocaleLowerCase() === input.name.toLocaleLowerCase();
    if (envName || (sameName && sameName.id !== existing?.id)) {
      throw new RpcError('conflict', `A profile named "${input.name}" already exists. Choose another name.`);
    }
    const time = this.options.now();
    const profile: StoredProfile = {
      id: existing?.id ?? this.options.newId(),
      name: input.name,
      providerId: input.providerId,
      model: input.model,
      createdAt: existing?.createdAt ?? time,
      updatedAt: time,
      ...choicesOf(input, existing),
    };
    store.saveProfile(profile);
    this.options.changed({ scope: 'profiles' });
    return storedProfileView(profile, this.defaultProfileId());
  }

  delete(id: string): boolean {
    if (id === ENV_PROFILE_ID) {
      throw new RpcError(
        'invalid_input',
        'The profile from the environment cannot be deleted; unset NAVI_MODEL and the API key variables instead.',
      );
    }
    const { store } = this.options;
    const deleted = store.deleteProfile(id);
    if (store.getValue(DEFAULT_PROFILE_KEY) === id) store.deleteValue(DEFAULT_PROFILE_KEY);
    if (deleted) this.options.changed({ scope: 'profiles' });
    return deleted;
  }

  setDefault(id: string): Profile {
    const profile = this.list().find((candidate) => candidate.id === id);
    if (!profile) throw new RpcError('not_found', 'That profile no longer exists');
    this.options.store.setValue(DEFAULT_PROFILE_KEY, id);
    this.options.changed({ scope: 'profiles' });
    return { ...profile, isDefault: true };
  }

  /** The environment's profile: its instructions, tools and recall default can change; not where it comes from. */
  private saveEnvProfile(input: SaveProfileInput): Profile {
    const env = this.options.envProfile;
    if (!env) throw new RpcError('not_found', 'That profile no longer exists');
    if (input.name !== env.name || input.providerId !== env.providerId || input.model !== (env.model ?? '')) {
      throw new RpcError(
        'invalid_input',
        'The name, provider and model of the profile from the environment cannot be edited. Create a profile of your own (it may use the same provider).',
      );
    }
    this.options.store.setValue(ENV_PROFILE_CHOICES_KEY, choicesOf(input, this.envProfileChoices()));
    this.options.changed({ scope: 'profiles' });
    return envProfileView(env, this.defaultProfileId(), this.envProfileChoices());
  }

  private envProfileChoices(): ProfileChoices {
    const stored = this.options.store.getValue(ENV_PROFILE_CHOICES_KEY) as Partial<ProfileChoices> | undefined;
    return {
      systemPrompt:
        typeof stored?.systemPrompt === 'string' ? stored.systemPrompt : (this.options.envProfile?.systemPrompt ?? ''),
      enabledTools: Array.isArray(stored?.enabledTools) ? stored.enabledTools : null,
      enabledMcpServers: Array.isArray(stored?.enabledMcpServers) ? stored.enabledMcpServers : null,
      recallMissedPolicy:
        stored?.recallMissedPolicy === 'skip' || stored?.recallMissedPolicy === 'catch_up_once'
          ? stored.recallMissedPolicy
          : null,
    };
  }

  /** The explicitly chosen default when it still exists, else the environment's, else the oldest profile. */
  private defaultProfileId(): string | undefined {
    const { store, envProfile } = this.options;
    const chosen = store.getValue(DEFAULT_PROFILE_KEY);
    if (typeof chosen === 'string') {
      if (chosen === ENV_PROFILE_ID && envProfile) return chosen;
      if (store.getProfile(chosen)) return chosen;
    }
    if (envProfile) return envProfile.id;
    return store.listProfiles()[0]?.id;
  }
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
