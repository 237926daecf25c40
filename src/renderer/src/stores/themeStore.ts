import { create } from 'zustand';
import type { ThemeChoice } from '../../../shared/contract';

export type { ThemeChoice };

/** Read before the first paint by public/theme.js too: keep the two in step. */
const THEME_KEY = 'navi.theme';

function parse(value: string | null): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

function readChoice(): ThemeChoice {
  try {
    return parse(localStorage.getItem(THEME_KEY));
  } catch {
    return 'system';
  }
}

/** Light or dark on <html> wins over the system's; "system" leaves the stylesheet to follow the OS, live. */
function apply(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

interface ThemeStore {
  readonly choice: ThemeChoice;
  choose(choice: ThemeChoice): void;
}

/** The theme chosen in Settings, remembered on this machine and the same in every window. */
export const useThemeStore = create<ThemeStore>((set) => ({
  choice: readChoice(),
  choose: (choice) => {
    try {
      if (choice === 'system') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, choice);
    } catch {
      // Private mode: this page only.
    }
    apply(choice);
    set({ choice });
  },
}));

apply(useThemeStore.getState().choice);

// Another window chose: follow it.
window.addEventListener('storage', (event) => {
  if (event.key !== THEME_KEY && event.key !== null) return;
  const choice = readChoice();
  apply(choice);
  useThemeStore.setState({ choice });
});
