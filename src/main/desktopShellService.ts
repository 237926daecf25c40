import type { NaviServices, ShellPrefs, ShellState, ThemeChoice } from '../shared/contract';
import type { DesktopPrefs } from './desktopPrefs';
import type { KeyStoreKind } from './safeStorageSecrets';
import { RpcError } from '../shared/rpc/errors';
import { sayWhen } from '../shared/time/timeWords';
import type { WakeStatus } from './wake/wakeScheduler';

export interface DesktopShellServiceOptions {
  readonly prefs: () => DesktopPrefs;
  readonly update: (change: Partial<DesktopPrefs>) => void;
  /** Applies a changed preference to the OS (login item, wake-up); the answer waits for it. */
  readonly applied: (change: Partial<ShellPrefs>) => void | Promise<void>;
  /** Login items exist on macOS and Windows only. */
  readonly supportsLaunchAtLogin: boolean;
  readonly keyStore: () => KeyStoreKind | undefined;
  readonly wake: () => WakeStatus | undefined;
  readonly now: () => number;
  readonly timeZone: () => string;
  /** Gives the system's parts of every window (scroll bars, menus, dialogs) this theme. */
  readonly applyTheme: (theme: ThemeChoice) => void;
  /** Shows the save dialog for a prepared export of this connection and writes it where the person chose. */
  readonly saveExport: (
    peerId: string,
    exportId: string,
    fileName: string,
  ) => Promise<{ saved: boolean; path?: string }>;
}

const KEY_STORE_TEXT: Record<KeyStoreKind, string> = {
  keyring: "API keys you save are encrypted with your system's key store.",
  obfuscated:
    'No system keyring was found (Electron uses its basic_text store here), so saved API keys would only be obfuscated on disk, not encrypted: anyone who can read your files could recover them. Set keys in the environment instead (OPENAI_API_KEY, ANTHROPIC_API_KEY), or save them anyway.',
  none: 'This system offers no key store, so Navi saves no API keys. Set OPENAI_API_KEY or ANTHROPIC_API_KEY in the environment instead.',
};

/** "today at 8:59 AM", "tomorrow at 9:00 AM", "on Wednesday at 9:00 AM": the shared words, for a sentence. */
function when(at: number, now: number, timeZone: string): string {
  return sayWhen(at, { now, timeZone });
}

/** The wake-up's state in the person's time and words. */
export function wakeText(status: WakeStatus, now: number, timeZone: string): string {
  switch (status.state) {
    case 'off':
      return 'Off: recalls fire only while Navi runs.';
    case 'idle':
      return 'No recall is pending, so nothing is scheduled.';
    case 'scheduled':
      return `Navi will start in the tray ${when(status.at!, now, timeZone)}, before the recall due ${when(status.dueAt!, now, timeZone)}.`;
    case 'unavailable':
      return status.reason ?? 'This system cannot start Navi by itself.';
    case 'failed':
      return `Could not ask the system to start Navi: ${status.reason ?? 'unknown error'}`;
  }
}

/** Desktop preferences for the settings view; stored in desktop.json by the shell. */
export function createDesktopShellService(options: DesktopShellServiceOptions): NaviServices['shell'] {
  const state = (): ShellState => {
    const { runInBackground, launchAtLogin, notifications, wakeForRecalls, saveKeysWithoutKeyring } = options.prefs();
    const keyStore = options.keyStore();
    const wake = options.wake();
    return {
      prefs: { runInBackground, launchAtLogin, notifications, wakeForRecalls, saveKeysWithoutKeyring },
      supports: {
        runInBackground: true,
        launchAtLogin: options.supportsLaunchAtLogin,
        wakeForRecalls: true,
        saveDialog: true,
      },
      ...(keyStore ? { keyStore: { kind: keyStore, message: KEY_STORE_TEXT[keyStore] } } : {}),
      ...(wake ? { wake: { state: wake.state, message: wakeText(wake, options.now(), options.timeZone()) } } : {}),
    };
  };
  return {
    get: state,
    update: async (change) => {
      options.update(change);
      await options.applied(change);
      return state();
    },
    applyTheme: ({ theme }) => {
      options.applyTheme(theme);
      return { applied: true };
    },
    saveExport: ({ exportId, fileName }, context) => options.saveExport(context.peerId, exportId, fileName),
    // The desktop saves where the person picks in the save dialog (saveExport); there is no download.
    downloadExport: () => {
      throw new RpcError('invalid_input', 'The desktop app saves exports with the save dialog.');
    },
  };
}
