import { create } from 'zustand';

interface UiStore {
  readonly aboutOpen: boolean;
  setAboutOpen(open: boolean): void;
}

export const useUiStore = create<UiStore>((set) => ({
  aboutOpen: false,
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
}));
