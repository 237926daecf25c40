import { BrowserWindow, shell } from 'electron';
import { isExternalWebLink } from './appUrl';
import type { WindowBounds } from './desktopPrefs';

export interface AppWindowOptions {
  readonly preloadFile: string;
  readonly devServerUrl: string | undefined;
  readonly rendererIndexFile: string;
  readonly icon: string;
  readonly isAppUrl: (url: string) => boolean;
  /** The conversation to show, if any (Navi's routes live in the hash: `#/c/<id>`). */
  readonly sessionId?: string;
  readonly bounds?: WindowBounds;
  /** A page asked for a new window on one of Navi's own URLs ("Open in new window"). */
  readonly openAppWindow: (url: string) => void;
}

/** A hardened window: isolated, sandboxed, no Node, no navigation away, no windows it opens itself. */
export function createAppWindow(options: AppWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
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
    if (!options.isAppUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!options.isAppUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Navi's own pages open as new hardened Navi windows; web links a person clicked open in
    // their browser; nothing else opens at all.
    if (options.isAppUrl(url)) options.openAppWindow(url);
    else if (isExternalWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const hash = options.sessionId ? `/c/${encodeURIComponent(options.sessionId)}` : '';
  if (options.devServerUrl) void window.loadURL(hash ? `${options.devServerUrl}#${hash}` : options.devServerUrl);
  else void window.loadFile(options.rendererIndexFile, hash ? { hash } : {});
  return window;
}
