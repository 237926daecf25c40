import { useEffect } from 'react';
import type { NaviClient } from '../../../shared/contract';
import { useConnectionStore } from '../stores/connectionStore';
import { useThemeStore } from '../stores/themeStore';

/**
 * Tells the shell the theme this window shows, on every connection and whenever it changes, so the
 * desktop app's system parts (scroll bars, menus, dialogs) match it; the browser host ignores it.
 */
export function useNativeTheme(api: NaviClient): void {
  const generation = useConnectionStore((store) => store.generation);
  const choice = useThemeStore((store) => store.choice);
  useEffect(() => {
    if (generation === 0) return;
    // Cosmetic: a shell that cannot take it (an older host, a dropped connection) changes nothing.
    api.shell.applyTheme({ theme: choice }).catch(() => undefined);
  }, [api, generation, choice]);
}
