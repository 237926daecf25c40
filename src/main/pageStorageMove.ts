import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Clock, Logger, TimerHandle } from '../core/ports';
import type { BrowserWindowClassLike, BrowserWindowLike } from './electronApi';

/** Keys the page keeps in localStorage (theme, sidebar, dismissed prompts) all start so. */
const PAGE_KEY_PREFIX = 'navi.';
const MAX_KEYS = 50;
const MAX_VALUE_CHARS = 4_096;
/** A start is never held longer than this by the move; the preferences stay behind then. */
const MOVE_TIMEOUT_MS = 5_000;

const READ_SCRIPT = `(() => {
  const found = {};
  for (let i = 0; i < Math.min(localStorage.length, 1000); i++) {
    const key = localStorage.key(i);
    const value = key === null ? null : localStorage.getItem(key);
    if (key && key.startsWith(${JSON.stringify(PAGE_KEY_PREFIX)}) && value !== null) found[key] = value;
  }
  return found;
})()`;

/** Only `navi.*` string values of a sane size, at most MAX_KEYS of them. */
function pageItems(value: unknown): [string, string][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith(PAGE_KEY_PREFIX) &&
        entry[0].length <= 200 &&
        typeof entry[1] === 'string' &&
        entry[1].length <= MAX_VALUE_CHARS,
    )
    .slice(0, MAX_KEYS);
}

export interface PageStorageMoveOptions {
  readonly BrowserWindow: BrowserWindowClassLike;
  /** The built page's folder: its theme.js opens (as text, no script runs) at the old file:// origin. */
  readonly rendererDir: string;
  /** The same file at the page's new origin. */
  readonly newOriginUrl: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * The page ran at file:// before it moved to navi://app/, and localStorage belongs to an origin:
 * without this, a person's theme, sidebar and dismissed prompts would reset once. A hidden window
 * reads the `navi.*` keys at file:// and writes those not set yet at navi://app/. Run once, before
 * the core and any window exist (so closing the hidden window is no "last window closed"). Returns
 * how many it moved; a failure or a hang past 5 s is logged and leaves them behind, never fails a start.
 */
export async function movePageStorage(options: PageStorageMoveOptions): Promise<number> {
  let window: BrowserWindowLike | undefined;
  let timer: TimerHandle | undefined;
  const move = async (): Promise<number> => {
    window = new options.BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true },
    });
    await window.loadURL(pathToFileURL(join(options.rendererDir, 'theme.js')).href);
    const items = pageItems(await window.webContents.executeJavaScript(READ_SCRIPT));
    if (items.length === 0) return 0;
    await window.loadURL(options.newOriginUrl);
    const moved = await window.webContents.executeJavaScript(`((items) => {
      let moved = 0;
      for (const [key, value] of items) {
        if (localStorage.getItem(key) === null) {
          localStorage.setItem(key, value);
          moved++;
        }
      }
      return moved;
    })(${JSON.stringify(items)})`);
    return typeof moved === 'number' ? moved : 0;
  };
  const timeout = new Promise<never>((_, reject) => {
    timer = options.clock.setTimeout(() => reject(new Error('it took longer than 5 s')), MOVE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([move(), timeout]);
  } catch (error) {
    options.logger.warn('Could not carry the window preferences over to navi://app/:', error);
    return 0;
  } finally {
    if (timer !== undefined) options.clock.clearTimeout(timer);
    if (window && !window.isDestroyed()) window.destroy();
  }
}
