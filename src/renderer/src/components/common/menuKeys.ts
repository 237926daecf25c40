import type { KeyboardEvent } from 'react';

/**
 * Arrow keys, Home and End move between a menu's items (wrapping); Tab leaves the menu and closes
 * it. `menu` is the element holding the items (role menuitem, menuitemcheckbox or menuitemradio).
 */
export function onMenuKeyDown(event: KeyboardEvent, menu: HTMLElement | null, close: () => void): void {
  const items = [...(menu?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
  const index = items.indexOf(document.activeElement as HTMLElement);
  const move = (to: number): void => {
    event.preventDefault();
    items[(to + items.length) % items.length]?.focus();
  };
  if (event.key === 'ArrowDown') move(index + 1);
  else if (event.key === 'ArrowUp') move(index - 1);
  else if (event.key === 'Home') move(0);
  else if (event.key === 'End') move(items.length - 1);
  else if (event.key === 'Tab') close();
}

/** Focuses a menu's first item (when it opens). */
export function focusFirstItem(menu: HTMLElement | null): void {
  menu?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
}
