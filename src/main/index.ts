import { app, BrowserWindow, ipcMain, Notification, powerMonitor, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/core';
import { consoleLogger } from '../core/ports';
import { systemTimeZone } from '../core/timeZones';
import { contract } from '../shared/contract';
import { serve } from '../shared/rpc';
import { createAppUrlCheck } from './appUrl';
import { createDesktopNotifier } from './desktopNotifier';
import { createDesktopShellService } from './desktopShellService';
import { loadPrefs, savePrefs, type DesktopPrefs } from './desktopPrefs';
import { IpcRouter } from './ipcTransport';
import { createPowerMonitor } from './powerMonitor';
import { createSafeStorageSecrets } from './safeStorageSecrets';
import { createTray } from './tray';
import { createAppWindow } from './window';
import { sessionIdFromUrl, WindowRegistry, type ManagedWindow } from './windowRegistry';

// Electron adapters only: every decision lives in src/core.
const preloadFile = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererIndexFile = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isAppUrl = createAppUrlCheck(devServerUrl, rendererIndexFile);
const resource = (name: string): string => join(app.getAppPath(), 'resources', name);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const dataDir = process.env.NAVI_DATA_DIR ?? app.getPath('userData');
  const prefsFile = join(dataDir, 'desktop.json');
  let prefs: DesktopPrefs = loadPrefs(prefsFile);
  const updatePrefs = (change: Partial<DesktopPrefs>): void => {
    prefs = { ...prefs, ...change };
    savePrefs(prefsFile, prefs);
  };

  let core: Core | undefined;
  let router: IpcRouter | undefined;
  const shellService = createDesktopShellService({
    prefs: () => prefs,
    update: updatePrefs,
    setLaunchAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
  });
  let quitting = false;

  const openWindow = (sessionId: string | undefined): ManagedWindow => {
    if (!core || !router) throw new Error('Navi core is not ready');
    const isFirst = registry.count === 0;
    const window = createAppWindow({
      preloadFile,
      devServerUrl,
      rendererIndexFile,
      icon: resource('icon.png'),
      isAppUrl,
      sessionId,
      bounds: isFirst ? prefs.mainWindow : undefined,
      openAppWindow: (url) => registry.open(sessionIdFromUrl(url)),
    });
    const transport = router.attach(window.webContents);
    const served = serve(contract, { ...core.services, shell: shellService }, transport, {
      peerId: `window-${window.webContents.id}`,
      onInternalError: (error) => consoleLogger.error('Request failed:', error),
    });
    window.webContents.on('did-navigate-in-page', (_event, url) => registry.navigated(window.id, url));
    window.on('close', () => {
      if (isFirst) {
        updatePrefs({ mainWindow: { ...window.getNormalBounds(), maximized: window.isMaximized() } });
      }
    });
    window.on('closed', () => {
      served.dispose();
      transport.dispose();
      registry.remove(window.id);
    });
    return window;
  };
  const registry = new WindowRegistry(openWindow);

  app.on('second-instance', () => void (core && registry.focusAny()));

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    // Deny every permission request (camera, notifications from pages, geolocation…) by default.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    app.setLoginItemSettings({ openAtLogin: prefs.launchAtLogin });

    const power = createPowerMonitor({
      events: powerMonitor,
      wallNow: Date.now,
      monotonicNow: () => performance.now(),
      setInterval: (callback, ms) => setInterval(callback, ms),
      clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    });
    const notifier = createDesktopNotifier({
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification({ ...options, icon: resource('icon.png') }),
      openSession: (sessionId) => registry.focusOrOpen(sessionId),
      enabled: () => prefs.notifications,
    });
    core = createCore({
      dataDir,
      version: app.getVersion(),
      shell: 'desktop',
      nativeBinding: process.env.NAVI_SQLITE_BINDING,
      logger: consoleLogger,
      secrets: createSafeStorageSecrets(safeStorage, join(dataDir, 'secrets.json')),
      notifier,
      power,
    });
    router = new IpcRouter({
      ipc: ipcMain,
      isAppUrl,
      onRejected: (reason) => consoleLogger.warn(`Refused IPC: ${reason}`),
    });
    const tray = createTray({
      core,
      icon: resource(process.platform === 'darwin' ? 'tray.png' : 'tray@2x.png'),
      timeZone: systemTimeZone,
      openNavi: () => registry.focusAny(),
      openSession: (sessionId) => registry.focusOrOpen(sessionId),
      quit: () => app.quit(),
    });
    app.once('will-quit', () => {
      tray.dispose();
      power.dispose();
    });
    registry.open(undefined);
    app.on('activate', () => {
      if (registry.count === 0) registry.open(undefined);
    });
  });

  app.on('window-all-closed', () => {
    if (quitting) return;
    if (!prefs.runInBackground && process.platform !== 'darwin') return app.quit();
    // Keep running in the tray so recalls keep firing; say so once.
    if (!prefs.backgroundHintShown && Notification.isSupported()) {
      new Notification({
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
    // Let running replies stop and store their partial text before the database closes.
    event.preventDefault();
    const closing = core;
    core = undefined;
    router?.dispose();
    for (const window of BrowserWindow.getAllWindows()) window.destroy();
    void closing.close().finally(() => app.exit(0));
  });
}
