import { create } from 'zustand';
import type { AppInfo, NaviClient } from '../../../shared/contract';

interface AppInfoStore {
  readonly info: AppInfo | undefined;
  readonly error: string | undefined;
  load(api: NaviClient): Promise<void>;
}

export const useAppInfoStore = create<AppInfoStore>((set) => ({
  info: undefined,
  error: undefined,
  load: async (api) => {
    try {
      set({ info: await api.app.info(), error: undefined });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
