import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  nativeTheme,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './desktopApp';

// The entry point only hands the real Electron modules to the shell; tests hand it a fake.
startDesktopApp(
  {
    app,
    BrowserWindow,
    dialog,
    ipcMain,
    Menu,
    MessageChannelMain,
    nativeTheme,
    Notification,
    powerMonitor,
    protocol,
    safeStorage,
    session,
    shell,
    Tray,
  },
  {
    preloadFile: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    resourcesDir: join(app.getAppPath(), 'resources'),
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    platform: process.platform,
    env: process.env,
    argv: process.argv,
  },
);
