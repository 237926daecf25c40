import type {
  AddProviderInput,
  Provider,
  ProviderDraft,
  SettingsChange,
  UpdateProviderInput,
} from '../../shared/contract/settings';
import { RpcError } from '../../shared/rpc/errors';
import { effectiveBaseUrl, KIND_LABELS, type ProviderConnection } from '../providers/providerConnection';
import { SecretStoreUnavailableError, type Secrets } from '../secrets/secrets';
import type { SettingsStore, StoredProvider } from './settingsStore';

/** The name a stored provider's key has in the Secrets port. */
export function providerKeyName(providerId: string): string {
  return `provider.${providerId}.apiKey`;
}

export interface ProviderSettingsOptions {
  readonly store: SettingsStore;
  readonly secrets: Secrets;
  /** The providers the environment configures (memory only, read-only here). */
  readonly envProviders: readonly ProviderConnection[];
  readonly now: () => number;
  readonly newId: () => string;
  readonly changed: (change: SettingsChange) => void;
}

/** Model providers: the environment's and the stored ones (SQLite, their keys in Secrets). */
export class ProviderSettings {
  constructor(private readonly options: ProviderSettingsOptions) {}

  async list(): Promise<Provider[]> {
    const fromEnv = this.options.envProviders.map(envProviderView);
    const stored = await Promise.all(this.options.store.listProviders().map((provider) => this.storedView(provider)));
    return [...fromEnv, ...stored];
  }

  async add(input: AddProviderInput): Promise<Provider> {
    const time = this.options.now();
    const provider: StoredProvider = {
      id: this.options.newId(),
      kind: input.kind,
      name: input.name,
      baseUrl: input.baseURL ?? null,
      createdAt: time,
      updatedAt: time,
    };
    // The key first: if the store refuses it, nothing half-configured is left behind.
    if (input.apiKey !== undefined) await this.storeKey(provider.id, input.apiKey);
    try {
      this.options.store.insertProvider(provider);
    } catch (error) {
      if (input.apiKey !== undefined) await this.options.secrets.delete(providerKeyName(provider.id));
      throw error;
    }
    this.options.changed({ scope: 'providers' });
    return this.storedView(provider);
  }

  async update(input: UpdateProviderInput): Promise<Provider> {
    const existing = this.requireStored(input.id);
    if (input.baseURL === null && existing.kind === 'openai-compatible') {
      throw new RpcError('invalid_input', 'An OpenAI-compatible provider needs a base URL');
    }
    if (input.apiKey === null) await this.options.secrets.delete(providerKeyName(existing.id));
    else if (input.apiKey !== undefined) await this.storeKey(existing.id, input.apiKey);
    const updated: StoredProvider = {
      ...existing,
      name: input.name ?? existing.name,
      baseUrl: input.baseURL === undefined ? existing.baseUrl : input.baseURL,
      updatedAt: this.options.now(),
    };
    this.options.store.updateProvider(updated);
    this.options.changed({ scope: 'providers' });
    return this.storedView(updated);
  }

  async remove(id: string): Promise<boolean> {
    const { store } = this.options;
    this.refuseEnvProvider(id);
    const users = store.profilesUsingProvider(id);
    if (users.length > 0) {
      const names = users.map((profile) => `"${profile.name}"`).join(', ');
      throw new RpcError(
        'conflict',
        `This provider is used by the profile${users.length === 1 ? '' : 's'} ${names}. Change or delete ${users.length === 1 ? 'it' : 'them'} first.`,
      );
    }
    const removed = store.deleteProvider(id);
    await this.options.secrets.delete(providerKeyName(id));
    if (removed) this.options.changed({ scope: 'providers' });
    return removed;
  }

  /** How to reach a provider, key included (core-internal; never returned over the contract). */
  async connection(providerId: string): Promise<ProviderConnection> {
    const fromEnv = this.options.envProviders.find((provider) => provider.id === providerId);
    if (fromEnv) return fromEnv;
    const stored = this.requireStored(providerId);
    const apiKey = await this.options.secrets.get(providerKeyName(stored.id));
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

  exists(id: string): boolean {
    return (
      this.options.envProviders.some((provider) => provider.id === id) ||
      this.options.store.getProvider(id) !== undefined
    );
  }

  private refuseEnvProvider(id: string): void {
    const fromEnv = this.options.envProviders.find((provider) => provider.id === id);
    if (fromEnv) {
      throw new RpcError(
        'invalid_input',
        `This provider comes from the environment (${fromEnv.keyEnvVar ?? 'OPENAI_BASE_URL'}). Change the environment and restart Navi to change it.`,
      );
    }
  }

  private requireStored(id: string): StoredProvider {
    this.refuseEnvProvider(id);
    const provider = this.options.store.getProvider(id);
    if (!provider) throw new RpcError('not_found', 'That provider no longer exists');
    return provider;
  }

  private async storeKey(providerId: string, apiKey: string): Promise<void> {
    try {
      await this.options.secrets.set(providerKeyName(providerId), apiKey);
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) throw new RpcError('invalid_input', error.message);
      throw new RpcError('internal', 'The API key could not be saved in the secure store.');
    }
  }

  private async storedView(provider: StoredProvider): Promise<Provider> {
    const hasKey = (await this.options.secrets.get(providerKeyName(provider.id))) !== undefined;
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
