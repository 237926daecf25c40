import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized?: boolean;
}

/** What the desktop shell remembers between starts (not part of the core's database). */
export interface DesktopPrefs {
  /** Closing the last window keeps Navi in the tray so recalls keep firing. */
  readonly runInBackground: boolean;
  readonly backgroundHintShown: boolean;
  readonly launchAtLogin: boolean;
  readonly notifications: boolean;
  /** Opt-in: the OS starts Navi in the tray shortly before the next recall while it is closed. */
  readonly wakeForRecalls: boolean;
  /** Linux without a keyring: save API keys although they are only obfuscated. */
  readonly saveKeysWithoutKeyring: boolean;
  readonly mainWindow?: WindowBounds;
  /** The page's preferences were carried from its old file:// origin to navi://app/ (see pageStorageMove). */
  readonly pageStorageMoved: boolean;
}

export const DEFAULT_PREFS: DesktopPrefs = {
  runInBackground: true,
  backgroundHintShown: false,
  launchAtLogin: false,
  notifications: true,
  wakeForRecalls: false,
  saveKeysWithoutKeyring: false,
  pageStorageMoved: false,
};

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Only sane bounds survive a hand-edited or truncated file. */
function validBounds(value: unknown): WindowBounds | undefined {
  const b = value as Partial<WindowBounds> | undefined;
  if (!b || !isNumber(b.width) || !isNumber(b.height) || b.width < 400 || b.height < 300) return undefined;
  return {
    width: Math.min(b.width, 10_000),
    height: Math.min(b.height, 10_000),
    ...(isNumber(b.x) && isNumber(b.y) ? { x: b.x, y: b.y } : {}),
    maximized: b.maximized === true,
  };
}

export function loadPrefs(file: string): DesktopPrefs {
  let raw: Partial<DesktopPrefs> = {};
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<DesktopPrefs>;
  } catch {
    return DEFAULT_PREFS;
  }
  return {
    runInBackground: typeof raw.runInBackground === 'boolean' ? raw.runInBackground : DEFAULT_PREFS.runInBackground,
    backgroundHintShown: raw.backgroundHintShown === true,
    launchAtLogin: raw.launchAtLogin === true,
    notifications: typeof raw.notifications === 'boolean' ? raw.notifications : DEFAULT_PREFS.notifications,
    wakeForRecalls: raw.wakeForRecalls === true,
    saveKeysWithoutKeyring: raw.saveKeysWithoutKeyring === true,
    pageStorageMoved: raw.pageStorageMoved === true,
    ...(validBounds(raw.mainWindow) ? { mainWindow: validBounds(raw.mainWindow) } : {}),
  };
}

export function savePrefs(file: string, prefs: DesktopPrefs): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(prefs, null, 2));
}
