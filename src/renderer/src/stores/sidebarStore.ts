import { create } from 'zustand';

const COLLAPSED_KEY = 'navi.sidebar.collapsed';

interface SidebarStore {
  /** In a wide window: the sidebar is folded to a rail (remembered for this browser). */
  readonly collapsed: boolean;
  /** In a narrow window: the sidebar is open over the page (never remembered: it starts closed). */
  readonly drawerOpen: boolean;
  /** What Ctrl/Cmd+B and the sidebar buttons do: fold or unfold (wide), open or close (narrow). */
  toggle(narrow: boolean): void;
  /** Shows the sidebar however the window is (for Ctrl/Cmd+K). */
  show(narrow: boolean): void;
  closeDrawer(): void;
}

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

function remember(collapsed: boolean): void {
  try {
    localStorage.setItem(COLLAPSED_KEY, collapsed ? '1' : '0');
  } catch {
    // Private mode: remembered for this page only.
  }
}

export const useSidebarStore = create<SidebarStore>((set, get) => ({
  collapsed: readCollapsed(),
  drawerOpen: false,
  toggle: (narrow) => {
    if (narrow) {
      set({ drawerOpen: !get().drawerOpen });
      return;
    }
    const collapsed = !get().collapsed;
    remember(collapsed);
    set({ collapsed });
  },
  show: (narrow) => {
    if (narrow) set({ drawerOpen: true });
    else if (get().collapsed) {
      remember(false);
      set({ collapsed: false });
    }
  },
  closeDrawer: () => set({ drawerOpen: false }),
}));
