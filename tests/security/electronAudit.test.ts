/**
 * Navi's Electron security audit (in place of @doyensec/electronegativity, whose last release no
 * longer runs). It covers the same checklist by observing what the real desktop shell (src/main)
 * does on the simulated Electron: the windows it creates, its navigation and new-window handlers,
 * what it opens externally, its permission handlers and IPC checks; then the built page's CSP, what
 * the built preload exposes, and the packaging fuses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELLO_CHANNEL } from '../../src/shared/contract/bridge';
import { projectRoot } from '../helpers/host';
import { APP_PAGE, useDesktop } from '../main/desktopHarness';

const launch = useDesktop();
const appPage = APP_PAGE;

describe('Electron security audit', () => {
  it('every window is isolated and sandboxed, with no Node, webviews, insecure content or experimental features', async () => {
    const desktop = await launch();
    const main = desktop.electron.windows()[0]!;
    main.page.open(`${appPage}#/c/abc`); // "Open in new window"
    const windows = desktop.electron.windows();
    expect(windows).toHaveLength(2);
    for (const window of windows) {
      const prefs = window.options.webPreferences!;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
      });
      expect(prefs).not.toHaveProperty('enableBlinkFeatures');
      expect(prefs.preload).toBe('/opt/Navi/resources/app.asar/out/preload/index.cjs');
    }
  });

  it('navigation away from Navi is refused; new windows are always denied; webviews never attach', async () => {
    const desktop = await launch();
    const page = desktop.electron.windows()[0]!.page;
    // Only Navi's own page: not another file of its scheme, another host, or the built file itself.
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'navi://app/assets/evil.html',
      'navi://elsewhere/index.html',
      'file:///opt/Navi/resources/app.asar/out/renderer/index.html',
    ]) {
      expect(page.navigate(url)).toBe(false);
    }
    expect(page.navigate(`${appPage}#/settings`)).toBe(true);
    for (const url of ['https://example.com/', 'javascript:alert(1)', 'file:///etc/passwd', `${appPage}#/c/1`]) {
      expect(desktop.electron.windows()[0]!.page.open(url)).toBe('deny');
    }
    let prevented = false;
    desktop.electron.app.emit('web-contents-created', {}, desktop.electron.windows()[0]!.webContents);
    desktop.electron
      .windows()[0]!
      .webContents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('links open outside only for http, https and mailto, after a dialog shows where they go', async () => {
    const desktop = await launch();
    const { dialog, shell } = desktop.electron;
    dialog.answer = (options) => ({ response: options.defaultId ?? 0, checkboxChecked: false });
    const page = desktop.electron.windows()[0]!.page;
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://host/share',
      'vscode://file/etc/passwd',
      'https://xn--pple-43d.com/login',
      'mailto:ops@example.com?subject=Deploy',
    ]) {
      page.open(url);
    }
    page.navigate('http://example.org/a b'); // a plain link without target=_blank
    await new Promise((resolve) => setImmediate(resolve));
    expect(dialog.messageBoxes.map((box) => [box.message, box.detail])).toEqual([
      ['Open xn--pple-43d.com in your browser?', 'https://xn--pple-43d.com/login'],
      ['Write an email to ops@example.com?', 'mailto:ops@example.com?subject=Deploy'],
      ['Open example.org in your browser?', 'http://example.org/a%20b'],
    ]);
    expect(shell.opened).toEqual([
      'https://xn--pple-43d.com/login',
      'mailto:ops@example.com?subject=Deploy',
      'http://example.org/a%20b',
    ]);
    expect(desktop.logs.filter((line) => line.includes('Refused to open a link'))).toHaveLength(4);

    dialog.answer = (options) => ({ response: options.cancelId ?? 1 });
    page.open('https://example.net/');
    await new Promise((resolve) => setImmediate(resolve));
    expect(shell.opened).toHaveLength(3);
  });

  it('pages get exactly the permissions they use (clipboard writes), only on our own pages', async () => {
    const desktop = await launch();
    const session = desktop.electron.session.defaultSession;
    const contents = desktop.electron.windows()[0]!.webContents;
    const request = (permission: string, requestingUrl: string, isMainFrame = true) =>
      new Promise<boolean>((resolve) =>
        session.requestHandler!(contents, permission as never, resolve, { requestingUrl, isMainFrame }),
      );
    const check = (permission: string, requestingUrl: string, isMainFrame = true) =>
      session.checkHandler!(contents, permission as never, new URL(requestingUrl).origin, {
        requestingUrl,
        isMainFrame,
      });

    expect(await request('clipboard-sanitized-write', appPage)).toBe(true);
    expect(check('clipboard-sanitized-write', `${appPage}#/c/1`)).toBe(true);
    expect(check('clipboard-sanitized-write', 'https://evil.example/', false)).toBe(false);
    expect(await request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const permission of [
      'clipboard-read',
      'notifications',
      'media',
      'geolocation',
      'openExternal',
      'fullscreen',
      'hid',
    ]) {
      expect(await request(permission, appPage), permission).toBe(false);
      expect(check(permission, appPage), permission).toBe(false);
    }
  });

  it('IPC is accepted only from the main frame of our own page', async () => {
    const desktop = await launch();
    const window = desktop.electron.windows()[0]!;
    const channels = desktop.electron.counts;
    const before = channels.messageChannels;
    window.page.addFrame('https://evil.example/').ipcRenderer().send(HELLO_CHANNEL);
    await new Promise((resolve) => setImmediate(resolve));
    window.webContents.load('https://evil.example/phish'); // as if a navigation got through: its preload says hello
    await new Promise((resolve) => setImmediate(resolve));
    expect(channels.messageChannels).toBe(before);
    expect(desktop.logs.filter((line) => line.startsWith('warn: Refused IPC'))).toEqual([
      'warn: Refused IPC: hello from a subframe of webContents ' + window.webContents.id,
      'warn: Refused IPC: hello from a foreign page: https://evil.example/phish',
    ]);
  });

  it('the built page has a strict Content-Security-Policy: no eval, no inline scripts, no network sources', () => {
    const html = readFileSync(join(projectRoot, 'out/renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(csp).toBeDefined();
    const directives = new Map(
      csp!
        .split(';')
        .map((part) => part.trim().split(/\s+/) as [string, ...string[]])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]); // the desktop page talks over IPC only
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    // Attached images are shown from object URLs the page made from the core's bytes; nothing remote.
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp).not.toMatch(/unsafe-eval|ws:|wss:|(^|\s)\*(\s|;|$)/);
  });

  it('the built preload exposes one bridge, needs nothing but electron, and says hello', () => {
    const code = readFileSync(join(projectRoot, 'out/preload/index.cjs'), 'utf8');
    const required: string[] = [];
    const exposed = new Map<string, unknown>();
    const sent: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: { send: (channel: string) => sent.push(channel), on: () => {} },
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(
      (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`The preload required ${name}`);
        return electron;
      },
      module,
      module.exports,
    );
    expect([...new Set(required)]).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['navi']);
    expect(Object.keys(exposed.get('navi') as object).sort()).toEqual(['onMessage', 'send']);
    expect(sent).toEqual([HELLO_CHANNEL]);
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
