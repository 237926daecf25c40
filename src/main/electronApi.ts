import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  MessageBoxReturnValue,
  NotificationConstructorOptions,
  SaveDialogOptions,
  SaveDialogReturnValue,
  Session,
} from 'electron';
import type { PowerEventsLike } from './powerMonitor';
import type { SafeStorageLike } from './safeStorageSecrets';

/**
 * The slice of Electron's API the desktop shell uses, and nothing more. `index.ts` passes the real
 * modules; tests pass a recorded fake (tests/main/fakeElectron), so the shell runs under plain Node.
 */

export interface PreventableEvent {
  preventDefault(): void;
}

export interface WebFrameLike {
  readonly url: string;
  postMessage(channel: string, message: unknown, transfer?: MessagePortMainLike[]): void;
}

export interface IpcMainEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: WebFrameLike | null;
}

export interface IpcMainLike {
  on(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void): unknown;
}

export interface MessagePortMainLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export interface RenderProcessGoneDetails {
  readonly reason: string;
}

export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: WebFrameLike;
  getURL(): string;
  isDestroyed(): boolean;
  reload(): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'did-navigate-in-page', listener: (event: unknown, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'render-process-gone', listener: (event: unknown, details: RenderProcessGoneDetails) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  executeJavaScript(code: string): Promise<unknown>;
}

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface BrowserWindowLike {
  readonly id: number;
  readonly webContents: WebContentsLike;
  on(event: 'close' | 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  destroy(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): Rectangle;
  loadURL(url: string): Promise<void>;
}

export interface BrowserWindowClassLike {
  new (options: BrowserWindowConstructorOptions): BrowserWindowLike;
  getAllWindows(): BrowserWindowLike[];
}

export interface AppLike {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  releaseSingleInstanceLock(): void;
  whenReady(): Promise<unknown>;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed' | 'before-quit' | 'activate', listener: () => void): unknown;
  quit(): void;
  exit(exitCode?: number): void;
  getPath(name: 'userData' | 'exe' | 'downloads'): string;
  setPath(name: 'userData', path: string): void;
  getAppPath(): string;
  getVersion(): string;
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface TrayLike {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  /** A button on it was pressed (macOS and Windows; Electron 45 gives the index in the details). */
  on(event: 'action', listener: (details: { readonly actionIndex: number }) => void): unknown;
  show(): void;
}

type PermissionName = Parameters<NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>>[1];

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (
      contents: WebContentsLike,
      permission: PermissionName,
      callback: (granted: boolean) => void,
      details: { readonly requestingUrl?: string; readonly isMainFrame?: boolean },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      contents: WebContentsLike | null,
      permission: PermissionName,
      requestingOrigin: string,
      details: { readonly requestingUrl?: string; readonly isMainFrame: boolean },
    ) => boolean,
  ): void;
}

/** Electron's protocol module: the page's own scheme (see appProtocol). */
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export interface DesktopElectron {
  readonly app: AppLike;
  readonly BrowserWindow: BrowserWindowClassLike;
  readonly ipcMain: IpcMainLike;
  readonly MessageChannelMain: new () => { readonly port1: MessagePortMainLike; readonly port2: MessagePortMainLike };
  readonly Tray: new (icon: string) => TrayLike;
  readonly Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): unknown };
  readonly Notification: { new (options: NotificationConstructorOptions): NotificationLike; isSupported(): boolean };
  readonly powerMonitor: PowerEventsLike;
  readonly safeStorage: SafeStorageLike;
  readonly session: { readonly defaultSession: SessionLike };
  readonly protocol: ProtocolLike;
  readonly dialog: {
    showErrorBox(title: string, content: string): void;
    showMessageBox(options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
    showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  };
  readonly shell: { openExternal(url: string): Promise<void> };
  /** Which theme the system's parts of the windows use (scroll bars, menus, dialogs, title bar). */
  readonly nativeTheme: { themeSource: 'system' | 'light' | 'dark' };
}
