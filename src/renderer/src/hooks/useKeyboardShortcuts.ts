import { useEffect } from 'react';
import { HOME } from '../routing/route';
import { navigate } from '../routing/navigation';

export const SEARCH_INPUT_ID = 'conversation-search';
export const COMPOSER_ID = 'composer-message';

function focusById(id: string): void {
  const element = document.getElementById(id);
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    element.focus();
    element.select?.();
  }
}

/**
 * App-wide keys: Ctrl/Cmd+N starts a new chat, Ctrl/Cmd+K jumps to the conversation search.
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
        requestAnimationFrame(() => focusById(COMPOSER_ID));
      } else if (key === 'k') {
        event.preventDefault();
        focusById(SEARCH_INPUT_ID);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
