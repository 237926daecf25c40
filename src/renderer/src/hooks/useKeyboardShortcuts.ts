import { useEffect } from 'react';
import { HOME } from '../routing/route';
import { navigate } from '../routing/navigation';
import { useSidebarStore } from '../stores/sidebarStore';
import { focusField } from '../lib/focusField';
import { isNarrow } from './useNarrowWindow';

export const SEARCH_INPUT_ID = 'conversation-search';
export const COMPOSER_ID = 'composer-message';

/**
 * App-wide keys: Ctrl/Cmd+N starts a new chat, Ctrl/Cmd+K jumps to the conversation search (showing
 * the sidebar if it is folded away), Ctrl/Cmd+B shows or hides the sidebar.
 * (In a browser tab Ctrl+N stays the browser's own; the desktop app and installed windows get it.)
 */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'n') {
        event.preventDefault();
        navigate(HOME);
        requestAnimationFrame(() => focusField(COMPOSER_ID));
      } else if (key === 'k') {
        event.preventDefault();
        useSidebarStore.getState().show(isNarrow());
        focusField(SEARCH_INPUT_ID);
      } else if (key === 'b') {
        event.preventDefault();
        useSidebarStore.getState().toggle(isNarrow());
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
