/** The slice of a BrowserWindow the registry needs (tests pass a double). */
export interface ManagedWindow {
  readonly id: number;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

/** The conversation a window URL shows: Navi's routes live in the hash (`#/c/<id>`). */
export function sessionIdFromUrl(url: string): string | undefined {
  const hash = url.includes('#') ? url.slice(url.indexOf('#') + 1) : '';
  const match = /^\/c\/([^/?#]+)/.exec(hash);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

/**
 * Knows every open window and which conversation it shows, so a notification click or a tray item
 * focuses the window already on that conversation, or opens one.
 */
export class WindowRegistry {
  private readonly windows = new Map<number, { window: ManagedWindow; sessionId: string | undefined }>();

  constructor(private readonly openWindow: (sessionId: string | undefined) => ManagedWindow) {}

  add(window: ManagedWindow, sessionId?: string): void {
    this.windows.set(window.id, { window, sessionId });
  }

  remove(windowId: number): void {
    this.windows.delete(windowId);
  }

  /** Windows navigate inside the page; the shell reports each new URL here. */
  navigated(windowId: number, url: string): void {
    const entry = this.windows.get(windowId);
    if (entry) entry.sessionId = sessionIdFromUrl(url);
  }

  get count(): number {
    return this.live().length;
  }

  private live(): { window: ManagedWindow; sessionId: string | undefined }[] {
    for (const [id, entry] of this.windows) if (entry.window.isDestroyed()) this.windows.delete(id);
    return [...this.windows.values()];
  }

  private show(window: ManagedWindow): ManagedWindow {
    if (window.isMinimized()) window.restore();
    window.focus();
    return window;
  }

  /** Focuses the window showing `sessionId`, or opens a new one on it. */
  focusOrOpen(sessionId: string): ManagedWindow {
    const existing = this.live().find((entry) => entry.sessionId === sessionId);
    if (existing) return this.show(existing.window);
    return this.open(sessionId);
  }

  /** Focuses any window, or opens the main one. */
  focusAny(): ManagedWindow {
    const [first] = this.live();
    return first ? this.show(first.window) : this.open(undefined);
  }

  open(sessionId: string | undefined): ManagedWindow {
    const window = this.openWindow(sessionId);
    this.add(window, sessionId);
    return window;
  }
}
