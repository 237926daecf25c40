import { useEffect } from 'react';
import { HOME } from '../routing/route';
import { navigate } from '../routing/navigation';
import { useSidebarStore } from '../stores/sidebarStore';
import { useUiStore } from '../stores/uiStore';
import { focusField } from '../lib/focusField';
import { APP_SHORTCUTS, pressed } from '../lib/shortcuts';
import { isNarrow } from './useNarrowWindow';

export const SEARCH_INPUT_ID = 'conversation-search';
export const COMPOSER_ID = 'composer-message';

/** Where typing "?" means a question mark, not the shortcuts sheet. */
function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null)
  );
}

/**
 * The app-wide keys of `APP_SHORTCUTS`: a new chat, the conversation search (showing the sidebar if
 * it is folded away), the sidebar, and the keyboard shortcuts sheet.
 */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      if (pressed(APP_SHORTCUTS.newChat, event)) {
        event.preventDefault();
        navigate(HOME);
        requestAnimationFrame(() => focusField(COMPOSER_ID));
      } else if (pressed(APP_SHORTCUTS.search, event)) {
        event.preventDefault();
        useSidebarStore.getState().show(isNarrow());
        focusField(SEARCH_INPUT_ID);
      } else if (pressed(APP_SHORTCUTS.sidebar, event)) {
        event.preventDefault();
        useSidebarStore.getState().toggle(isNarrow());
      } else if (pressed(APP_SHORTCUTS.shortcuts, event)) {
        if (!(event.ctrlKey || event.metaKey) && typingIn(event.target)) return;
        if (event.target instanceof Element && event.target.closest('dialog')) return;
        event.preventDefault();
        useUiStore.getState().setShortcutsOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
