import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type { DesktopElectron } from '../../../src/main/electronApi';
import { FakeApp, FakeMachine } from './app';
import { FakeIpcMain, fakeMessageChannelClass } from './ipc';
import {
  FakeDialog,
  FakeMenu,
  FakeNotification,
  FakePowerMonitor,
  FakeProtocol,
  FakeSession,
  FakeShell,
  FakeTray,
} from './shellParts';
import type { NotificationOptions } from './shellParts';
import { FakeSafeStorage } from './safeStorage';
import { FakeBrowserWindowBase, FakePageStorage, type PreloadRunner } from './windows';

export { FakeApp, FakeMachine, preventableEvent } from './app';
export { FakeMenu, FakeNotification, FakeTray } from './shellParts';
export { FakeSafeStorage } from './safeStorage';
export {
  FakeBrowserWindowBase as FakeBrowserWindow,
  FakeFrame,
  FakePage,
  FakePageStorage,
  FakeWebContents,
} from './windows';

export interface FakeElectronOptions {
  readonly machine?: FakeMachine;
  readonly argv?: readonly string[];
  readonly userData: string;
  readonly appPath?: string;
  readonly exePath?: string;
  readonly isPackaged?: boolean;
  /** The real preload's bridge factory, run in every page load. */
  readonly preload?: PreloadRunner;
  readonly safeStorage?: FakeSafeStorage;
  /** The pages' localStorage, shared by starts on one userData (default: empty). */
  readonly pageStorage?: FakePageStorage;
}

/**
 * A recorded fake of the Electron API surface src/main uses (see src/main/electronApi.ts). Each
 * call makes a fresh "process": its own app, windows, tray and IPC; `machine` is what several
 * processes share (the single-instance lock).
 */
export function createFakeElectron(options: FakeElectronOptions) {
  const ipcMain = new FakeIpcMain();
  const windows: FakeBrowserWindowBase[] = [];
  const allWindowsEver: FakeBrowserWindowBase[] = [];
  const trays: FakeTray[] = [];
  const notifications: FakeNotification[] = [];
  const counts = { messageChannels: 0 };

  const app: FakeApp = new FakeApp({
    machine: options.machine ?? new FakeMachine(),
    argv: options.argv ?? ['/opt/Navi/navi'],
    userData: options.userData,
    appPath: options.appPath ?? '/opt/Navi/resources/app.asar',
    exePath: options.exePath ?? '/opt/Navi/navi',
    isPackaged: options.isPackaged,
    closeAllWindows: () => [...windows].every((window) => window.close()),
    destroyAllWindows: () => [...windows].forEach((window) => window.destroy()),
  });

  const pageStorage = options.pageStorage ?? new FakePageStorage();
  const hooks = {
    ipc: ipcMain,
    storage: pageStorage,
    preload: options.preload,
    opened: (window: FakeBrowserWindowBase) => {
      windows.push(window);
      allWindowsEver.push(window);
    },
    closed: (window: FakeBrowserWindowBase) => {
      windows.splice(windows.indexOf(window), 1);
      if (windows.length === 0 && !app.quitting && app.state === 'running') app.emit('window-all-closed');
    },
  };

  class BrowserWindow extends FakeBrowserWindowBase {
    constructor(windowOptions: BrowserWindowConstructorOptions) {
      super(windowOptions, hooks);
    }
    static getAllWindows(): FakeBrowserWindowBase[] {
      return [...windows];
    }
  }

  class Tray extends FakeTray {
    constructor(icon: string) {
      super(icon);
      trays.push(this);
    }
  }

  class Notification extends FakeNotification {
    constructor(notificationOptions: NotificationOptions) {
      super(notificationOptions, (shown) => notifications.push(shown));
    }
    static isSupported(): boolean {
      return true;
    }
  }

  const electron = {
    app,
    BrowserWindow,
    ipcMain,
    MessageChannelMain: fakeMessageChannelClass(() => counts.messageChannels++),
    Tray,
    Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => new FakeMenu(template) },
    Notification,
    powerMonitor: new FakePowerMonitor(),
    safeStorage: options.safeStorage ?? new FakeSafeStorage(),
    session: { defaultSession: new FakeSession() },
    protocol: new FakeProtocol(() => app.ready),
    dialog: new FakeDialog(),
    shell: new FakeShell(),
    nativeTheme: { themeSource: 'system' as 'system' | 'light' | 'dark' },
  } satisfies DesktopElectron;

  return {
    ...electron,
    /** Open windows, in the order they opened. */
    pageStorage,
    windows: () => [...windows],
    allWindowsEver: () => [...allWindowsEver],
    trays,
    /** Notifications shown, in order. */
    notifications,
    counts,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
