import { create } from 'zustand';

const OPEN_KEY = 'navi.recallsPanel.open';

interface RecallsPanelStore {
  /** The recalls list under the chat header is shown (remembered for this browser). */
  readonly open: boolean;
  setOpen(open: boolean): void;
}

function readOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) !== '0';
  } catch {
    return true;
  }
}

export const useRecallsPanelStore = create<RecallsPanelStore>((set) => ({
  open: readOpen(),
  setOpen: (open) => {
    try {
      localStorage.setItem(OPEN_KEY, open ? '1' : '0');
    } catch {
      // Private mode: remembered for this page only.
    }
    set({ open });
  },
}));
