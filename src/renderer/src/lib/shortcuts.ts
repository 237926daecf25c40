/**
 * Every keyboard shortcut of the app, in one place: the key handlers match against these and the
 * "Keyboard shortcuts" sheet lists them. `Mod` is Ctrl, or ⌘ on Apple systems.
 */

export interface Shortcut {
  /** Ways to press it; each a list of keys held together ("Mod", "Shift" or a key's name). */
  readonly keys: readonly (readonly string[])[];
  readonly does: string;
}

export interface ShortcutGroup {
  readonly where: string;
  readonly shortcuts: readonly Shortcut[];
}

/** The app-wide shortcuts that `useKeyboardShortcuts` handles. */
export const APP_SHORTCUTS = {
  newChat: { keys: [['Mod', 'N']], does: 'New chat (in the desktop app; a browser keeps its own)' },
  search: { keys: [['Mod', 'K']], does: 'Search conversations' },
  sidebar: { keys: [['Mod', 'B']], does: 'Show or hide the sidebar' },
  shortcuts: { keys: [['?'], ['Mod', '/']], does: 'Show these keyboard shortcuts' },
} as const satisfies Record<string, Shortcut>;

/** What the sheet lists: the app-wide keys, then those of the place that has the focus. */
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  { where: 'Anywhere', shortcuts: Object.values(APP_SHORTCUTS) },
  {
    where: 'Message box',
    shortcuts: [
      { keys: [['Enter']], does: 'Send' },
      { keys: [['Shift', 'Enter']], does: 'New line' },
      { keys: [['/']], does: 'Prompts from MCP servers (at the start of the message)' },
      { keys: [['Escape']], does: 'Stop the reply' },
    ],
  },
  {
    where: 'Conversation list',
    shortcuts: [
      { keys: [['ArrowDown'], ['ArrowUp']], does: 'Next or previous conversation (from the search box: the first)' },
      { keys: [['Home'], ['End']], does: 'First or last conversation' },
      { keys: [['PageDown'], ['PageUp']], does: 'A page down or up' },
      { keys: [['Escape']], does: 'Clear the search' },
    ],
  },
  {
    where: 'Menus, forms and dialogs',
    shortcuts: [
      { keys: [['ArrowDown'], ['ArrowUp']], does: 'Move through a menu' },
      { keys: [['Enter']], does: 'Save a recall or an edited message (Shift+Enter: a new line)' },
      { keys: [['Escape']], does: 'Close a dialog or menu, cancel a form' },
    ],
  },
];

const isApple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const KEY_NAMES: Readonly<Record<string, string>> = {
  Mod: isApple ? '⌘' : 'Ctrl',
  Shift: isApple ? '⇧' : 'Shift',
  Escape: 'Esc',
  ArrowDown: '↓',
  ArrowUp: '↑',
  PageDown: 'Page Down',
  PageUp: 'Page Up',
};

/** How a key is written on this machine ("Ctrl" or "⌘", "Esc", "↓"). */
export function keyName(key: string): string {
  return KEY_NAMES[key] ?? key;
}

/** What goes between the keys of a combination: "Ctrl+K", but "⌘K". */
export const KEY_JOINER = isApple ? '' : '+';

/** A whole combination as text: "Ctrl+K", "⌘K". */
export function comboText(keys: readonly string[]): string {
  return keys.map(keyName).join(KEY_JOINER);
}

/** Whether a key press is one of the shortcut's combinations (Mod: Ctrl or ⌘; no other modifier). */
export function pressed(shortcut: Shortcut, event: KeyboardEvent): boolean {
  return shortcut.keys.some((combo) => {
    const mod = combo.includes('Mod');
    const shift = combo.includes('Shift');
    const key = combo[combo.length - 1]!;
    if (mod !== (event.ctrlKey || event.metaKey) || event.altKey) return false;
    // "?" is Shift+/ on most layouts: for a printed character, the character decides, not Shift.
    if (key.length === 1 && !/[a-z]/i.test(key)) return event.key === key;
    return shift === event.shiftKey && event.key.toLowerCase() === key.toLowerCase();
  });
}
