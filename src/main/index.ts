import { app, BrowserWindow, ipcMain, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/core';
import { consoleLogger } from '../core/ports';
import { contract } from '../shared/contract';
import { serve } from '../shared/rpc';
import { createAppUrlCheck } from './appUrl';
import { IpcRouter } from './ipcTransport';
import { createMainWindow } from './window';

const preloadFile = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererIndexFile = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isAppUrl = createAppUrlCheck(devServerUrl, rendererIndexFile);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | undefined;
  let router: IpcRouter | undefined;

  const openWindow = (): BrowserWindow => {
    if (!core || !router) throw new Error('Navi core is not ready');
    const window = createMainWindow({ preloadFile, devServerUrl, rendererIndexFile, isAppUrl });
    const transport = router.attach(window.webContents);
    const served = serve(contract, core.services, transport, {
      peerId: `window-${window.webContents.id}`,
      onInternalError: (error) => consoleLogger.error('Request failed:', error),
    });
    window.on('closed', () => {
      served.dispose();
      transport.dispose();
    });
    return window;
  };

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return void openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    core = createCore({
      dataDir: process.env.NAVI_DATA_DIR ?? app.getPath('userData'),
      version: app.getVersion(),
      shell: 'desktop',
      nativeBinding: process.env.NAVI_SQLITE_BINDING,
      logger: consoleLogger,
    });
    router = new IpcRouter({
      ipc: ipcMain,
      isAppUrl,
      onRejected: (reason) => consoleLogger.warn(`Refused IPC: ${reason}`),
    });
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting || !core) return;
    // Let running replies stop and store their partial text before the database closes.
    event.preventDefault();
    quitting = true;
    router?.dispose();
    void core.close().finally(() => app.exit(0));
  });
}
