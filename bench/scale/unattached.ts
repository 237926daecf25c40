import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { argsForFullChromium, CHROMIUM_PATH } from '../../tests/helpers/browser';
import { PROBE_TITLE, REPORTING_PAINT_PROBE, type PaintReading } from './pageProbe';

/**
 * Page loads with nothing attached to the page, as an Electron window loads. A page Playwright
 * drives has the inspector attached from its first script, and V8 then gathers source positions
 * for every Error it makes: React DOM creates several as it evaluates, inside its CommonJS wrapper
 * (the whole library): its evaluation took 47–50 ms of the page thread's CPU attached and about
 * 11 ms unattached in this Chromium's trace (8 December, load 10–15), of 279 and 231 ms until the
 * conversation is painted (medians of 4).
 *
 * So the full Chromium is started here with the switches Playwright gives it, and driven by a
 * browser-level DevTools session over its pipe. The page's tab is made first (its renderer up, as
 * a Playwright page's is before it navigates: a tab opened straight at the address starts its
 * renderer after the navigation has begun: 1.5 s on this machine at load 20); a
 * session attaches to it only to send the navigation and lets go of it before the answer comes.
 * The probe is a script of the page itself, and the page tells its reading in its title, which
 * the browser session reads without attaching.
 */

/** The probe's script, served beside the page (its policy allows the page's own scripts only). */
const PROBE_FILE = 'navi-bench-probe.js';

/** The viewport of the bench's pages (Playwright emulates it; here it is the window's size). */
export const VIEWPORT = { width: 1200, height: 800 };

const REPORT_TIMEOUT_MS = 60_000;

/** What an unattached load tells, ms from navigation. */
export interface UnattachedReading extends PaintReading {
  /** When the page's HTML was asked for, and when it began to arrive. */
  readonly htmlRequest: number;
  readonly htmlResponse: number;
  readonly viewport: readonly [number, number];
}

/**
 * The built page as the host serves it, with the probe's script as the first element of its head
 * (`async`: fetched beside the page's own files, it waits for nothing and holds nothing up). The
 * other files are links to the build's. Dispose removes the directory.
 */
export function probedRendererDir(rendererDir: string): { readonly dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'navi-bench-page-'));
  for (const entry of readdirSync(rendererDir)) {
    if (entry !== 'index.html') symlinkSync(join(rendererDir, entry), join(dir, entry));
  }
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  if (!html.includes('<head>')) throw new Error(`no <head> in ${rendererDir}/index.html`);
  writeFileSync(
    join(dir, 'index.html'),
    html.replace('<head>', `<head>\n    <script async src="./${PROBE_FILE}"></script>`),
  );
  writeFileSync(join(dir, PROBE_FILE), REPORTING_PAINT_PROBE);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A browser-level DevTools session over a Chromium's pipe; `sessionId` sends to a page attached to it. */
export interface BrowserSession {
  send(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<Record<string, unknown>>;
  /** Calls `listener` with each event named `method` (the browser's own, not a page's). */
  on(method: string, listener: (params: Record<string, unknown>) => void): void;
}

interface TargetInfo {
  readonly targetId: string;
  readonly type: string;
  readonly title: string;
}

/** How often the browser is asked for the page's title (the reading is the page's own clock's, not this). */
const POLL_MS = 50;

/**
 * Navigates the tab `targetId` to `url` and waits for the probe's report: a session attaches to
 * the tab (its renderer answers first: it is up), sends the navigation and detaches in the same
 * breath, before the page's HTML can have come.
 */
async function navigateAndRead(session: BrowserSession, targetId: string, url: string): Promise<UnattachedReading> {
  const { windowId } = await session.send('Browser.getWindowForTarget', { targetId });
  await session.send('Browser.setContentsSize', { windowId, ...VIEWPORT });
  const { sessionId } = (await session.send('Target.attachToTarget', { targetId, flatten: true })) as {
    sessionId: string;
  };
  await session.send('Runtime.evaluate', { expression: '0' }, sessionId);
  // Its answer never comes: the session is gone first.
  void session.send('Page.navigate', { url }, sessionId).catch(() => undefined);
  await session.send('Target.detachFromTarget', { sessionId });
  const until = Date.now() + REPORT_TIMEOUT_MS;
  for (;;) {
    const { targetInfo } = (await session.send('Target.getTargetInfo', { targetId })) as { targetInfo: TargetInfo };
    if (targetInfo.title.startsWith(`${PROBE_TITLE} `)) {
      return JSON.parse(targetInfo.title.slice(PROBE_TITLE.length + 1)) as UnattachedReading;
    }
    if (Date.now() > until) throw new Error(`no paint report from ${url} in ${REPORT_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

let commandLine: Promise<readonly string[]> | undefined;

/**
 * The switches Playwright starts the full Chromium with (ours among them), as the browser tells
 * them, less those naming its profile, its first window and its pipe: a browser started here with
 * these runs as the benches' Playwright-started ones do.
 */
async function playwrightSwitches(): Promise<readonly string[]> {
  commandLine ??= (async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...(await argsForFullChromium()), '--enable-automation'],
    });
    try {
      const session = await browser.newBrowserCDPSession();
      const { arguments: switches } = await session.send('Browser.getBrowserCommandLine');
      return switches
        .slice(1)
        .filter(
          (arg) =>
            arg.startsWith('--') &&
            !arg.startsWith('--user-data-dir=') &&
            arg !== '--no-startup-window' &&
            arg !== '--enable-automation' &&
            arg !== '--remote-debugging-pipe',
        );
    } finally {
      await browser.close();
    }
  })();
  return commandLine;
}

/** The full Chromium started here, driven over its DevTools pipe by a browser-level session only. */
export interface UnattachedChromium {
  /**
   * Opens `url` with nothing attached and waits until it has painted: in a fresh context (in
   * memory, nothing cached: as Playwright's contexts) when `fresh`, else in the browser's own
   * first tab (its profile's).
   */
  load(url: string, options: { readonly fresh: boolean }): Promise<UnattachedReading>;
  /** Its browser-level session (for tracing). */
  readonly session: BrowserSession;
  close(): Promise<void>;
}

/** Starts the full Chromium on the profile in `userDataDir` (kept by the caller: its HTTP and code caches survive). */
export async function startUnattachedChromium(userDataDir: string): Promise<UnattachedChromium> {
  const args = [
    ...(await playwrightSwitches()),
    '--remote-debugging-pipe',
    `--user-data-dir=${userDataDir}`,
    'about:blank',
  ];
  const child = spawn(CHROMIUM_PATH, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const toBrowser = child.stdio[3] as NodeJS.WritableStream;
  const fromBrowser = child.stdio[4] as NodeJS.ReadableStream;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (value: Record<string, unknown>) => void; reject: (error: Error) => void }
  >();
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // Nothing more will answer.
      for (const call of pending.values()) call.reject(new Error(`Chromium exited (${signal ?? code})`));
      pending.clear();
      resolve();
    }),
  );
  const listeners = new Map<string, ((params: Record<string, unknown>) => void)[]>();
  let buffered = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const message = JSON.parse(buffered.slice(0, end)) as {
        id?: number;
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
        result?: Record<string, unknown>;
        error?: { message: string };
      };
      buffered = buffered.slice(end + 1);
      if (message.id === undefined) {
        if (message.method && !message.sessionId) {
          for (const listener of listeners.get(message.method) ?? []) listener(message.params ?? {});
        }
        continue;
      }
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) call?.reject(new Error(message.error.message));
      else call?.resolve(message.result ?? {});
    }
  });
  const session: BrowserSession = {
    send: (method, params = {}, sessionId) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      }),
    on: (method, listener) => listeners.set(method, [...(listeners.get(method) ?? []), listener]),
  };
  const close = async (): Promise<void> => {
    await session.send('Browser.close').catch(() => undefined);
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    await session.send('Browser.getVersion');
  } catch (error) {
    await close();
    throw error;
  }
  return {
    session,
    load: async (url, { fresh }) => {
      if (!fresh) {
        const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
        const tab = targetInfos.find((target) => target.type === 'page');
        if (!tab) throw new Error('the browser has no tab open');
        return navigateAndRead(session, tab.targetId, url);
      }
      const { browserContextId } = await session.send('Target.createBrowserContext', { disposeOnDetach: true });
      try {
        const { targetId } = await session.send('Target.createTarget', {
          url: 'about:blank',
          browserContextId,
          newWindow: true,
        });
        return await navigateAndRead(session, targetId as string, url);
      } finally {
        await session.send('Target.disposeBrowserContext', { browserContextId }).catch(() => undefined);
      }
    },
    close,
  };
}
