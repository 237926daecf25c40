import { create } from 'zustand';
import type { ModelInfo, NaviClient } from '../../../shared/contract';
import { errorMessage } from '../lib/errorMessage';

interface ProviderModels {
  readonly models: readonly ModelInfo[];
  readonly error?: string;
}

interface ModelCatalogStore {
  /** What each provider offers, by provider id, as last listed (absent: not listed yet). */
  readonly byProvider: Readonly<Record<string, ProviderModels>>;
  /** Providers asked already (listed, or on the way). */
  readonly asked: ReadonlySet<string>;
  /** Lists the models of these providers, once per provider until `forget`. */
  load(api: NaviClient, providerIds: readonly string[]): void;
  /** Providers changed: list again next time. */
  forget(): void;
}

/** The models of the configured providers, for the per-conversation model picker. */
export const useModelCatalogStore = create<ModelCatalogStore>((set, get) => ({
  byProvider: {},
  asked: new Set(),
  load: (api, providerIds) => {
    const fresh = providerIds.filter((providerId) => !get().asked.has(providerId));
    if (fresh.length === 0) return;
    set((state) => ({ asked: new Set([...state.asked, ...fresh]) }));
    for (const providerId of fresh) {
      const done = (entry: ProviderModels) =>
        set((state) => ({ byProvider: { ...state.byProvider, [providerId]: entry } }));
      api.settings
        .listModels({ providerId })
        .then(({ models }) => done({ models }))
        .catch((error: unknown) => done({ models: [], error: errorMessage(error) }));
    }
  },
  forget: () => set({ byProvider: {}, asked: new Set() }),
}));
