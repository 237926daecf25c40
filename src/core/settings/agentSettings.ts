import { randomUUID } from 'node:crypto';
import type {
  AddProviderInput,
  GeneralSettings,
  Profile,
  Provider,
  ProviderDraft,
  QuietHours,
  SaveProfileInput,
  SettingsChange,
  UpdateGeneralInput,
  UpdateProviderInput,
} from '../../shared/contract/settings';
import type { Disposable } from '../../shared/rpc/disposable';
import { Emitter, type Event } from '../../shared/rpc/emitter';
import type { ConversationChoice } from '../agent/types';
import type { ProviderConnection } from '../providers/providerConnection';
import type { Secrets } from '../secrets/secrets';
import { resolveActiveProfile, type ActiveProfile } from './activeProfile';
import { readEnvSettings, type Env } from './envSettings';
import { StoredGeneralSettings } from './generalSettings';
import { ProfileSettings } from './profileSettings';
import { ProviderSettings } from './providerSettings';
import type { SettingsStore } from './settingsStore';

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
 * One object for the settings service and the agent; each kind of setting lives in its own module.
 */
export class AgentSettings implements Disposable {
  private readonly secrets: Secrets;
  private readonly changes = new Emitter<SettingsChange>();
  private readonly providers: ProviderSettings;
  private readonly profiles: ProfileSettings;
  private readonly generalSettings: StoredGeneralSettings;

  /** Fires after any change, whichever window made it. */
  readonly onChanged: Event<SettingsChange> = this.changes.event;

  constructor(options: AgentSettingsOptions) {
    const { store, secrets } = options;
    this.secrets = secrets;
    const fromEnv = readEnvSettings(options.env);
    const now = options.now ?? Date.now;
    const newId = options.newId ?? randomUUID;
    const changed = (change: SettingsChange) => this.changes.fire(change);
    this.providers = new ProviderSettings({ store, secrets, envProviders: fromEnv.providers, now, newId, changed });
    this.profiles = new ProfileSettings({
      store,
      envProfile: fromEnv.profile,
      providerExists: (id) => this.providers.exists(id),
      now,
      newId,
      changed,
    });
    this.generalSettings = new StoredGeneralSettings({ store, secrets, changed });
  }

  dispose(): void {
    this.changes.dispose();
  }

  get canStoreKeys(): boolean {
    return this.secrets.canStore;
  }

  listProviders(): Promise<Provider[]> {
    return this.providers.list();
  }

  addProvider(input: AddProviderInput): Promise<Provider> {
    return this.providers.add(input);
  }

  updateProvider(input: UpdateProviderInput): Promise<Provider> {
    return this.providers.update(input);
  }

  removeProvider(id: string): Promise<boolean> {
    return this.providers.remove(id);
  }

  /** How to reach a provider, key included (core-internal; never returned over the contract). */
  connection(providerId: string): Promise<ProviderConnection> {
    return this.providers.connection(providerId);
  }

  /** A connection for a provider typed into a form but not saved. */
  draftConnection(draft: ProviderDraft): ProviderConnection {
    return this.providers.draftConnection(draft);
  }

  listProfiles(): Profile[] {
    return this.profiles.list();
  }

  getProfile(id: string): Profile | undefined {
    return this.profiles.get(id);
  }

  /** The profile a conversation uses: its own while it exists, else the default one. */
  profileFor(profileId: string | null): Profile | undefined {
    return this.profiles.profileFor(profileId);
  }

  saveProfile(input: SaveProfileInput): Profile {
    return this.profiles.save(input);
  }

  deleteProfile(id: string): boolean {
    return this.profiles.delete(id);
  }

  setDefaultProfile(id: string): Profile {
    return this.profiles.setDefault(id);
  }

  general(): GeneralSettings {
    return this.generalSettings.get();
  }

  /** When recall notifications are held; null when off (the default) or what is stored is not a window. */
  quietHours(): QuietHours | null {
    return this.generalSettings.quietHours();
  }

  updateGeneral(input: UpdateGeneralInput): GeneralSettings {
    return this.generalSettings.update(input);
  }

  /** What a run in a conversation uses (see resolveActiveProfile); throws `AgentError('not_configured')`. */
  activeProfile(choice?: ConversationChoice): Promise<ActiveProfile> {
    return resolveActiveProfile(
      { profiles: this.profiles, providers: this.providers, general: this.generalSettings },
      choice,
    );
  }
}
