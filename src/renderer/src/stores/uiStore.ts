import { create } from 'zustand';

interface UiStore {
  readonly aboutOpen: boolean;
  readonly shortcutsOpen: boolean;
  setAboutOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
}

export const useUiStore = create<UiStore>((set) => ({
  aboutOpen: false,
  shortcutsOpen: false,
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
}));
