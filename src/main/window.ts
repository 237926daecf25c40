import { appPageUrl } from './appProtocol';
import type { WindowBounds } from './desktopPrefs';
import type { BrowserWindowClassLike, BrowserWindowLike } from './electronApi';

export interface AppWindowOptions {
  readonly BrowserWindow: BrowserWindowClassLike;
  /** A link to somewhere else: checked and confirmed before the OS opens it (see externalLinks). */
  readonly openLink: (url: string) => void;
  readonly preloadFile: string;
  readonly devServerUrl: string | undefined;
  readonly icon: string;
  readonly isAppUrl: (url: string) => boolean;
  /** The conversation to show, if any (Navi's routes live in the hash: `#/c/<id>`). */
  readonly sessionId?: string;
  readonly bounds?: WindowBounds;
  /** A page asked for a new window on one of Navi's own URLs ("Open in new window"). */
  readonly openAppWindow: (url: string) => void;
}

/** A hardened window: isolated, sandboxed, no Node, no navigation away, no windows it opens itself. */
export function createAppWindow(options: AppWindowOptions): BrowserWindowLike {
  const window = new options.BrowserWindow({
    width: options.bounds?.width ?? 1100,
    height: options.bounds?.height ?? 760,
    ...(options.bounds?.x !== undefined ? { x: options.bounds.x, y: options.bounds.y } : {}),
    minWidth: 520,
    minHeight: 400,
    show: false,
    title: 'Navi',
    icon: options.icon,
    webPreferences: {
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  if (options.bounds?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (options.isAppUrl(url)) return;
    event.preventDefault();
    options.openLink(url);
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!options.isAppUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Navi's own pages open as new hardened Navi windows; other links go to the link opener,
    // which lets only web and mail links out, after the person saw where they go.
    if (options.isAppUrl(url)) options.openAppWindow(url);
    else options.openLink(url);
    return { action: 'deny' };
  });
  const hash = options.sessionId ? `/c/${encodeURIComponent(options.sessionId)}` : '';
  if (options.devServerUrl) void window.loadURL(hash ? `${options.devServerUrl}#${hash}` : options.devServerUrl);
  else void window.loadURL(appPageUrl(hash));
  return window;
}
