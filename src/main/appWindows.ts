import type { Clock } from '../core/ports';
import type { Logger } from '../core/ports';
import type { Disposable } from '../shared/rpc';
import type { WindowBounds } from './desktopPrefs';
import type { BrowserWindowLike, DesktopElectron } from './electronApi';
import type { PageConnections } from './pageConnections';
import { createAppWindow, type AppWindowOptions } from './window';
import { sessionIdFromUrl, WindowRegistry } from './windowRegistry';

export interface AppWindowsOptions {
  readonly electron: Pick<DesktopElectron, 'BrowserWindow'>;
  readonly connections: PageConnections;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Hardening and page options every window gets. */
  readonly window: Omit<AppWindowOptions, 'BrowserWindow' | 'sessionId' | 'bounds' | 'openAppWindow'>;
  readonly mainWindowBounds: () => WindowBounds | undefined;
  readonly saveMainWindowBounds: (bounds: WindowBounds) => void;
}

/** A crashed page is reloaded, but not forever: a page that keeps crashing is left alone. */
const CRASH_RELOADS = 3;
const CRASH_WINDOW_MS = 60_000;

/**
 * Navi's windows: each is hardened, connected per page load, listed in the registry (which
 * conversation it shows), reloaded after a renderer crash, and the first one remembers its bounds.
 */
export function createAppWindows(options: AppWindowsOptions): WindowRegistry & Disposable {
  const open = (sessionId: string | undefined): BrowserWindowLike => {
    const isFirst = registry.count === 0;
    const window = createAppWindow({
      ...options.window,
      BrowserWindow: options.electron.BrowserWindow,
      sessionId,
      bounds: isFirst ? options.mainWindowBounds() : undefined,
      openAppWindow: (url) => registry.open(sessionIdFromUrl(url)),
    });
    const connection = options.connections.attach(window.webContents);
    const crashes: number[] = [];
    window.webContents.on('did-navigate-in-page', (_event, url) => registry.navigated(window.id, url));
    window.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit' || window.isDestroyed()) return;
      const now = options.clock.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
      options.logger.warn(`A Navi window's page ended (${details.reason}).`);
      if (crashes.length <= CRASH_RELOADS) window.webContents.reload();
    });
    window.on('close', () => {
      if (isFirst) options.saveMainWindowBounds({ ...window.getNormalBounds(), maximized: window.isMaximized() });
    });
    window.on('closed', () => {
      connection.dispose();
      registry.remove(window.id);
    });
    return window;
  };
  const registry = Object.assign(new WindowRegistry(open), {
    dispose: () => {
      for (const window of options.electron.BrowserWindow.getAllWindows()) window.destroy();
    },
  });
  return registry;
}
