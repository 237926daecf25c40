import { create } from 'zustand';
import type { NaviClient, ShellPrefs, ShellState } from '../../../shared/contract';
import { errorMessage } from '../lib/errorMessage';

export type ShellPrefName = keyof ShellPrefs;

interface ShellStore {
  /** The shell's preferences and what it supports; undefined until loaded. */
  readonly state: ShellState | undefined;
  readonly loadError: string | undefined;
  /** Why the last change of a preference failed (shown next to its switch). */
  readonly errors: Readonly<Partial<Record<ShellPrefName, string>>>;
  /** Preferences whose change is on its way to the shell. */
  readonly saving: Readonly<Partial<Record<ShellPrefName, boolean>>>;
  load(api: NaviClient): Promise<void>;
  set(api: NaviClient, name: ShellPrefName, value: boolean): Promise<void>;
}

/**
 * The shell's preferences (desktop app or browser host): run in background, launch at login,
 * notifications. Other features (recall notifications) read `state.prefs` from here.
 */
export const useShellStore = create<ShellStore>((set) => ({
  state: undefined,
  loadError: undefined,
  errors: {},
  saving: {},
  load: async (api) => {
    try {
      set({ state: await api.shell.get(), loadError: undefined });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  set: async (api, name, value) => {
    // Optimistic: the switch moves at once and moves back if the shell refuses.
    const withValue = (state: ShellState | undefined, to: boolean): ShellState | undefined =>
      state && { ...state, prefs: { ...state.prefs, [name]: to } };
    set((current) => ({
      state: withValue(current.state, value),
      saving: { ...current.saving, [name]: true },
      errors: { ...current.errors, [name]: undefined },
    }));
    try {
      const state = await api.shell.update({ [name]: value });
      set((current) => ({ state, saving: { ...current.saving, [name]: false } }));
    } catch (error) {
      set((current) => ({
        state: withValue(current.state, !value),
        saving: { ...current.saving, [name]: false },
        errors: { ...current.errors, [name]: errorMessage(error) },
      }));
    }
  },
}));
