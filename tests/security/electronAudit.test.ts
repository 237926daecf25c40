/**
 * Navi's Electron security audit (in place of @doyensec/electronegativity, whose last release no
 * longer runs: it relies on an undeclared, now-incompatible `commander`). It covers the same
 * checklist: window webPreferences, navigation and new-window handlers, openExternal, permission
 * handling, the CSP of the built page, the preload's surface, and the packaging fuses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { projectRoot } from '../helpers/host';

interface FakeWebContents {
  handlers: Map<string, (event: { preventDefault(): void }, url: string) => void>;
  openHandler?: (details: { url: string }) => { action: string };
}

const created: { options: { webPreferences: Record<string, unknown> }; webContents: FakeWebContents }[] = [];
const openedExternally: string[] = [];

// The Electron test double, at the import boundary only.
vi.mock('electron', () => {
  class BrowserWindow {
    webContents: FakeWebContents & Record<string, unknown>;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      const webContents: FakeWebContents & Record<string, unknown> = {
        handlers: new Map(),
        on(event: string, handler: (event: { preventDefault(): void }, url: string) => void) {
          webContents.handlers.set(event, handler);
        },
        setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
          webContents.openHandler = handler;
        },
      };
      this.webContents = webContents;
      created.push({ options, webContents });
    }
    once() {}
    maximize() {}
    loadFile() {
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
  }
  return { BrowserWindow, shell: { openExternal: (url: string) => openedExternally.push(url) } };
});

const appIndex = '/opt/Navi/resources/app.asar/out/renderer/index.html';
const appWindowUrlsOpened: string[] = [];

beforeAll(async () => {
  const { createAppWindow } = await import('../../src/main/window');
  const { createAppUrlCheck } = await import('../../src/main/appUrl');
  createAppWindow({
    preloadFile: '/opt/Navi/preload.cjs',
    devServerUrl: undefined,
    rendererIndexFile: appIndex,
    icon: '/opt/Navi/icon.png',
    isAppUrl: createAppUrlCheck(undefined, appIndex),
    openAppWindow: (url) => appWindowUrlsOpened.push(url),
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(projectRoot, dir, file));
}

describe('Electron security audit', () => {
  it('windows are isolated and sandboxed, with no Node, webviews, insecure content or experimental features', () => {
    const prefs = created[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('navigation away from Navi is refused; new windows are always denied', () => {
    const { handlers, openHandler } = created[0]!.webContents;
    for (const event of ['will-navigate', 'will-redirect']) {
      let prevented = false;
      handlers.get(event)!({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
      expect(prevented).toBe(true);
      prevented = false;
      handlers.get(event)!({ preventDefault: () => (prevented = true) }, `file://${appIndex}#/c/x`);
      expect(prevented).toBe(false);
    }
    for (const url of [
      'https://example.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://host/share',
      `file://${appIndex}#/c/1`,
    ]) {
      expect(openHandler!({ url }).action).toBe('deny');
    }
  });

  it('openExternal gets only http(s) links; Navi pages become new Navi windows', () => {
    expect(openedExternally).toEqual(['https://example.com/']);
    expect(appWindowUrlsOpened).toEqual([`file://${appIndex}#/c/1`]);
  });

  it('no source turns a protection off, and openExternal is called in one guarded place only', () => {
    const forbidden = [
      /nodeIntegration:\s*true/,
      /contextIsolation:\s*false/,
      /sandbox:\s*false/,
      /webSecurity:\s*false/,
      /webviewTag:\s*true/,
      /allowRunningInsecureContent:\s*true/,
      /enableRemoteModule/,
      /allowpopups/,
      /insertCSS|executeJavaScript/,
    ];
    const callers: string[] = [];
    for (const file of [...sourceFiles('src/main'), ...sourceFiles('src/preload')]) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of forbidden) expect(text, `${file} matches ${pattern}`).not.toMatch(pattern);
      if (/shell\.openExternal\(/.test(text)) callers.push(file);
    }
    expect(callers.map((file) => file.replace(projectRoot, ''))).toEqual(['/src/main/window.ts']);
  });

  it('permission requests and checks are denied by default, and every IPC sender is validated', () => {
    const main = readFileSync(join(projectRoot, 'src/main/index.ts'), 'utf8');
    expect(main).toMatch(/setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(main).toMatch(/will-attach-webview/);
    // IPC reaches services only through the router, which checks the sender frame (tests/unit/main/ipcRouter).
    expect(main).not.toMatch(/ipcMain\.(on|handle)\(/);
  });

  it('the built page has a strict Content-Security-Policy without unsafe-eval', () => {
    const html = readFileSync(join(projectRoot, 'out/renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/(^|\s)\*(\s|;|$)/); // no wildcard source
  });

  it('the preload exposes one narrow bridge and nothing else', () => {
    const preload = readFileSync(join(projectRoot, 'out/preload/index.cjs'), 'utf8');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).not.toMatch(/require\(["'](fs|child_process|node:fs|node:child_process)["']\)/);
  });

  it('the packaged app has its fuses set (no ELECTRON_RUN_AS_NODE, NODE_OPTIONS or inspector; asar only)', () => {
    const config = readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8');
    for (const fuse of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
      'enableCookieEncryption: true',
      'grantFileProtocolExtraPrivileges: false',
    ]) {
      expect(config).toContain(fuse);
    }
  });
});
