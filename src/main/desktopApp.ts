import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../core/core';
import { consoleLogger, systemClock, type Clock, type Logger } from '../core/ports';
import { systemTimeZone } from '../core/timeZones';
import { contract, SNOOZE_MINUTES } from '../shared/contract';
import { serve } from '../shared/rpc';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appFileUrl, createAppProtocolHandler } from './appProtocol';
import { createAppUrlCheck } from './appUrl';
import { createAppWindows } from './appWindows';
import { createCommandDialog } from './commandDialog';
import { createDesktopNotifier } from './desktopNotifier';
import { createDesktopShellService } from './desktopShellService';
import { createLinkOpener } from './externalLinks';
import { loadPrefs, savePrefs, type DesktopPrefs } from './desktopPrefs';
import { RpcError } from '../shared/rpc/errors';
import type { DesktopElectron } from './electronApi';
import { PageConnections } from './pageConnections';
import { movePageStorage } from './pageStorageMove';
import { applyPermissionPolicy } from './permissions';
import { createPowerMonitor } from './powerMonitor';
import { createSafeStorageSecrets, type SafeStorageSecrets } from './safeStorageSecrets';
import { startFailureMessage } from './startFailure';
import { createTray } from './tray';
import { createSystemWake, type SystemWakeOptions } from './wake/systemWake';
import { BACKGROUND_FLAG, type LaunchCommand } from './wake/wakePlan';
import { WakeScheduler } from './wake/wakeScheduler';
import type { WindowRegistry } from './windowRegistry';

export interface DesktopAppOptions {
  readonly preloadFile: string;
  /** The built page's folder (index.html, assets), served as navi://app/. */
  readonly rendererDir: string;
  /** Icons live here (`<app>/resources`). */
  readonly resourcesDir: string;
  /** The electron-vite dev server, in development only. */
  readonly devServerUrl?: string;
  readonly platform: NodeJS.Platform;
  /** NAVI_DATA_DIR, NAVI_SQLITE_BINDING, and the provider environment the core reads. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  /** Wall clock and timers for the core, the tray and the power monitor. */
  readonly clock?: Clock;
  /** A clock that never jumps (performance.now): with the wall clock it reveals sleep and clock changes. */
  readonly monotonicNow?: () => number;
  readonly timeZone?: () => string;
  /** Extra core options (tests replace the agent this way). */
  readonly core?: Pick<CoreOptions, 'agent'>;
  /** The command line: `--background` starts Navi in the tray with no window. */
  readonly argv: readonly string[];
  /** How the OS wake-up runs system commands and writes its files (tests record them). */
  readonly wake?: Pick<SystemWakeOptions, 'run' | 'files' | 'home' | 'uid'>;
}

/** What a started app exposes to its entry point and to tests. */
export interface DesktopApp {
  /** Resolves once start-up finished: the core runs and the first window (if any) is open, or start-up failed. */
  readonly ready: Promise<void>;
  /** The running core, while it runs. */
  core(): Core | undefined;
}

/**
 * The Electron shell around the core: single instance, windows, tray, notifications, IPC, power
 * events and quitting in order. Electron adapters only: every decision lives in src/core.
 */
export function startDesktopApp(electron: DesktopElectron, options: DesktopAppOptions): DesktopApp {
  const { app } = electron;
  const logger = options.logger ?? consoleLogger;
  const clock = options.clock ?? systemClock;
  const devServerUrl = app.isPackaged ? undefined : options.devServerUrl;
  const isAppUrl = createAppUrlCheck(devServerUrl);
  const resource = (name: string): string => join(options.resourcesDir, name);
  const openLink = createLinkOpener({ electron, logger });

  // One Navi per data directory: Electron keys its single-instance lock (and its own files) to userData.
  if (options.env.NAVI_DATA_DIR) app.setPath('userData', options.env.NAVI_DATA_DIR);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve(), core: () => undefined };
  }
  // Before 'ready', as Electron requires: the page's own scheme, so its scripts get V8's code cache.
  electron.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  const background = options.argv.includes(BACKGROUND_FLAG);
  const timeZone = options.timeZone ?? systemTimeZone;
  const dataDir = app.getPath('userData');
  const prefsFile = join(dataDir, 'desktop.json');
  let prefs: DesktopPrefs = loadPrefs(prefsFile);
  const updatePrefs = (change: Partial<DesktopPrefs>): void => {
    prefs = { ...prefs, ...change };
    savePrefs(prefsFile, prefs);
  };
  // Login items exist on macOS and Windows; Windows passes the flag so login starts Navi in the tray.
  const supportsLaunchAtLogin = options.platform === 'darwin' || options.platform === 'win32';
  const applyLoginItem = (): void => {
    if (!supportsLaunchAtLogin) return;
    app.setLoginItemSettings({
      openAtLogin: prefs.launchAtLogin,
      ...(options.platform === 'win32' ? { args: [BACKGROUND_FLAG] } : {}),
    });
  };
  /** How the OS starts this Navi in the tray: the packaged app, or Electron with this app's folder. */
  const launch: LaunchCommand = {
    executable: app.getPath('exe'),
    args: app.isPackaged ? [BACKGROUND_FLAG] : [app.getAppPath(), BACKGROUND_FLAG],
  };

  let core: Core | undefined;
  let windows: WindowRegistry | undefined;
  let secrets: SafeStorageSecrets | undefined;
  let wake: WakeScheduler | undefined;
  const shellService = createDesktopShellService({
    prefs: () => prefs,
    update: updatePrefs,
    applied: async (change) => {
      if (change.launchAtLogin !== undefined) applyLoginItem();
      if (change.wakeForRecalls !== undefined) await wake?.apply();
    },
    supportsLaunchAtLogin,
    keyStore: () => secrets?.keyStore,
    wake: () => wake?.status,
    now: () => clock.now(),
    timeZone,
    applyTheme: (theme) => {
      electron.nativeTheme.themeSource = theme;
    },
    saveExport: async (peerId, exportId, fileName) => {
      if (!core) throw new RpcError('busy', 'Navi is still starting.');
      const { canceled, filePath } = await electron.dialog.showSaveDialog({
        title: 'Save the export',
        defaultPath: join(app.getPath('downloads'), fileName),
      });
      if (canceled || !filePath) {
        await core.transfers.release(peerId, exportId);
        return { saved: false };
      }
      await core.transfers.saveTo(peerId, exportId, filePath);
      return { saved: true, path: filePath };
    },
  });
  /** The shell's parts, released before the core closes (last added, first released). */
  const shellParts: { dispose(): void }[] = [];
  const releaseShell = (): void => {
    for (const part of shellParts.splice(0).reverse()) {
      try {
        part.dispose();
      } catch (error) {
        logger.error('Releasing part of the desktop shell failed:', error);
      }
    }
  };
  let quitting = false;

  const start = async (): Promise<void> => {
    if (quitting) return;
    electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(options.rendererDir, logger));
    // Once, before the core and any window: the page's preferences follow it to its new origin.
    // With no "Local Storage" folder in userData no page ever kept any (a new install): nothing to do.
    if (!prefs.pageStorageMoved && !devServerUrl && existsSync(join(dataDir, 'Local Storage'))) {
      const moved = await movePageStorage({
        BrowserWindow: electron.BrowserWindow,
        rendererDir: options.rendererDir,
        newOriginUrl: appFileUrl('theme.js'),
        clock,
        logger,
      });
      if (moved > 0) logger.info(`Carried ${moved} window preferences over to navi://app/.`);
      if (quitting) return;
    }
    if (!prefs.pageStorageMoved && !devServerUrl) updatePrefs({ pageStorageMoved: true });
    applyPermissionPolicy(electron.session.defaultSession, isAppUrl);
    applyLoginItem();
    secrets = await createSafeStorageSecrets({
      safeStorage: electron.safeStorage,
      file: join(dataDir, 'secrets.json'),
      platform: options.platform,
      logger,
      allowObfuscated: () => prefs.saveKeysWithoutKeyring,
    });
    if (quitting) return;

    const power = createPowerMonitor({
      events: electron.powerMonitor,
      wallNow: () => clock.now(),
      monotonicNow: options.monotonicNow ?? (() => performance.now()),
      setInterval: (callback, ms) => {
        let handle = clock.setTimeout(function again() {
          handle = clock.setTimeout(again, ms);
          callback();
        }, ms);
        return () => clock.clearTimeout(handle);
      },
      clearInterval: (stop) => (stop as () => void)(),
    });
    shellParts.push(power);
    const notifier = createDesktopNotifier({
      isSupported: () => electron.Notification.isSupported(),
      supportsActions: options.platform === 'darwin' || options.platform === 'win32',
      create: ({ actions, ...notification }) =>
        new electron.Notification({
          ...notification,
          ...(actions ? { actions: [...actions] } : {}),
          icon: resource('icon.png'),
        }),
      openSession: (sessionId) => windows?.focusOrOpen(sessionId),
      openNavi: () => windows?.focusAny(),
      enabled: () => prefs.notifications,
      snooze: (recallId) => {
        // From an OS callback: a recall deleted or already moved on meanwhile is logged, never thrown.
        try {
          core?.recalls.snooze(recallId, SNOOZE_MINUTES);
        } catch (error) {
          logger.warn('Could not snooze the recall from its notification:', error);
        }
      },
    });
    const running = createCore({
      ...options.core,
      dataDir,
      version: app.getVersion(),
      shell: 'desktop',
      nativeBinding: options.env.NAVI_SQLITE_BINDING,
      env: options.env,
      logger,
      clock,
      timeZone: options.timeZone,
      secrets,
      notifier,
      power,
      confirmMcpCommands: createCommandDialog(electron),
      // MCP OAuth sign-in pages, opened when the person chose "Sign in" (the core checks they are http(s)).
      openExternal: (url) => electron.shell.openExternal(url),
    });
    core = running;

    const connections = new PageConnections({
      ipc: electron.ipcMain,
      MessageChannelMain: electron.MessageChannelMain,
      isAppUrl,
      onRejected: (reason) => logger.warn(`Refused IPC: ${reason}`),
      serve: (transport, peerId) =>
        serve(contract, { ...running.services, shell: shellService }, transport, {
          peerId,
          onInternalError: (error) => logger.error('Request failed:', error),
        }),
    });
    shellParts.push(connections);
    const appWindows = createAppWindows({
      electron,
      connections,
      clock,
      logger,
      window: {
        preloadFile: options.preloadFile,
        devServerUrl,
        icon: resource('icon.png'),
        isAppUrl,
        openLink: (url) => void openLink(url).catch((error: unknown) => logger.error('Opening a link failed:', error)),
      },
      mainWindowBounds: () => prefs.mainWindow,
      saveMainWindowBounds: (mainWindow) => updatePrefs({ mainWindow }),
    });
    shellParts.push(appWindows);
    windows = appWindows;
    shellParts.push(
      createTray({
        electron,
        clock,
        logger,
        core: running,
        icon: resource(options.platform === 'darwin' ? 'tray.png' : 'tray@2x.png'),
        timeZone,
        openNavi: () => appWindows.focusAny(),
        openSession: (sessionId) => appWindows.focusOrOpen(sessionId),
        quit: () => app.quit(),
      }),
    );
    const wakeBackend = createSystemWake({
      ...options.wake,
      platform: options.platform,
      launch,
      dataDir,
      env: options.env,
      timeZone,
    });
    if (wakeBackend) {
      const scheduler = new WakeScheduler({
        backend: wakeBackend,
        enabled: () => prefs.wakeForRecalls,
        nextDue: () => running.recalls.upcoming(1)[0]?.nextRunAt ?? undefined,
        clock,
        logger,
      });
      wake = scheduler;
      shellParts.push(scheduler);
      shellParts.push(
        running.bus.subscribe((event) => {
          if (event.type.startsWith('recall-') || event.type === 'session-deleted') scheduler.refresh();
        }),
      );
      void scheduler.apply();
    }
    // Started by the OS for a recall (or at login): the tray only, no window.
    if (!background) appWindows.open(undefined);
  };

  /** Nothing half-started stays behind: a dialog says why, the lock is released, the process ends. */
  const failStart = async (error: unknown): Promise<void> => {
    logger.error('Navi could not start:', error);
    releaseShell();
    const started = core;
    core = undefined;
    windows = undefined;
    if (started) await started.close().catch((closeError) => logger.error('Closing the core failed:', closeError));
    electron.dialog.showErrorBox('Navi could not start', startFailureMessage(error, dataDir));
    app.releaseSingleInstanceLock();
    app.exit(1);
  };

  // A second start focuses Navi, unless the OS started it in the background (a wake-up while Navi runs).
  app.on('second-instance', (_event, argv) => {
    if (!argv.includes(BACKGROUND_FLAG)) windows?.focusAny();
  });
  app.on('activate', () => {
    if (windows && windows.count === 0) windows.open(undefined);
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    if (quitting || !core) return;
    if (!prefs.runInBackground && options.platform !== 'darwin') return app.quit();
    // Keep running in the tray so recalls keep firing; say so once.
    if (!prefs.backgroundHintShown && electron.Notification.isSupported()) {
      new electron.Notification({
        title: 'Navi is still running',
        body: 'Recalls keep firing while Navi runs in the tray. Quit from the tray menu.',
        icon: resource('icon.png'),
      }).show();
      updatePrefs({ backgroundHintShown: true });
    }
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('will-quit', (event) => {
    if (!core) return;
    // The core stops the scheduler, stops runs (their partial replies are stored), ends MCP
    // servers and closes the database; the process ends only after that.
    event.preventDefault();
    const closing = core;
    core = undefined;
    windows = undefined;
    releaseShell();
    void closing
      .close()
      .catch((error) => logger.error('Closing Navi failed:', error))
      .finally(() => app.exit(0));
  });

  const ready = app
    .whenReady()
    .then(start)
    .catch((error: unknown) => failStart(error));
  return { ready, core: () => core };
}
