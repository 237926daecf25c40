import { create } from 'zustand';
import type { GeneralSettings, NaviClient, Profile, Provider, SettingsChange } from '../../../shared/contract';
import { errorMessage } from '../lib/errorMessage';

interface SettingsStore {
  readonly providers: readonly Provider[] | undefined;
  readonly profiles: readonly Profile[] | undefined;
  readonly general: GeneralSettings | undefined;
  readonly loadError: string | undefined;
  /** Loads everything, or only the part a change notice names. */
  load(api: NaviClient, scope?: SettingsChange['scope']): Promise<void>;
}

export const useSettingsStore = create<SettingsStore>((set) => ({
  providers: undefined,
  profiles: undefined,
  general: undefined,
  loadError: undefined,
  load: async (api, scope) => {
    try {
      const [providers, profiles, general] = await Promise.all([
        !scope || scope === 'providers' ? api.settings.listProviders() : undefined,
        !scope || scope === 'profiles' || scope === 'providers' ? api.settings.listProfiles() : undefined,
        !scope || scope === 'general' ? api.settings.getGeneral() : undefined,
      ]);
      set((state) => ({
        providers: providers ?? state.providers,
        profiles: profiles ?? state.profiles,
        general: general ?? state.general,
        loadError: undefined,
      }));
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
}));

export function useDefaultProfile(): Profile | undefined {
  return useSettingsStore((state) => state.profiles?.find((profile) => profile.isDefault));
}
