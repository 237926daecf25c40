import { BrowserWindow, shell } from 'electron';
import { isExternalWebLink } from './appUrl';

export interface MainWindowOptions {
  readonly preloadFile: string;
  readonly devServerUrl: string | undefined;
  readonly rendererIndexFile: string;
  readonly isAppUrl: (url: string) => boolean;
}

/** A hardened window: isolated, sandboxed, no Node, no navigation away, no new windows. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 520,
    minHeight: 400,
    show: false,
    title: 'Navi',
    webPreferences: {
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (!options.isAppUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // A link a person clicked opens in their browser; nothing opens inside Navi.
    if (isExternalWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadFile(options.rendererIndexFile);
  return window;
}
