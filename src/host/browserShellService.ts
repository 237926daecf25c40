import type { NaviServices, ShellPrefs } from '../shared/contract';
import { RpcError } from '../shared/rpc/errors';
import type { ExportDownloads } from './exportDownloads';

/**
 * The browser host has no tray, no login items and no OS wake-ups; its one preference, notifications, is kept for
 * as long as the host runs (the browser itself asks the person for permission to show them). Exports
 * are downloads (see ExportDownloads).
 */
export function createBrowserShellService(downloads: ExportDownloads): NaviServices['shell'] {
  let prefs: ShellPrefs = {
    runInBackground: false,
    launchAtLogin: false,
    notifications: true,
    wakeForRecalls: false,
    saveKeysWithoutKeyring: false,
  };
  const state = () => ({ prefs, supports: { runInBackground: false, launchAtLogin: false, wakeForRecalls: false } });
  return {
    get: state,
    update: (change) => {
      prefs = { ...prefs, ...(change.notifications !== undefined ? { notifications: change.notifications } : {}) };
      return state();
    },
    // The browser draws its own parts in the page's colour scheme.
    applyTheme: () => ({ applied: false }),
    // The browser saves an export as a download; there is no save dialog to show from here.
    saveExport: () => {
      throw new RpcError('invalid_input', 'The browser saves exports as downloads.');
    },
    downloadExport: ({ exportId, fileName }, context) => ({
      url: downloads.offer(context.peerId, exportId, fileName),
    }),
  };
}
