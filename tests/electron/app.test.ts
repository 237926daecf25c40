import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reply, startOpenAiFixture, type FixtureServer } from '../fixtures';
import { projectRoot } from '../helpers/host';

/**
 * The same scenarios as tests/main (which run the shell on a simulated Electron), on the real
 * binary where one is installed. tests/electron/recordShell.cjs records native dialogs,
 * notifications and the tray menu in the main process.
 */
function electronBinary(): string | undefined {
  try {
    const dir = join(projectRoot, 'node_modules', 'electron');
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8'));
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (!binary) console.info('Electron end-to-end tests skipped: no Electron binary on this machine (see `npm start`).');

const RECORDER = join(projectRoot, 'tests', 'electron', 'recordShell.cjs');
const MAIN = join(projectRoot, 'out', 'main', 'index.js');
let sqliteBinding = '';

beforeAll(async () => {
  if (!binary) return;
  // The Electron build of better-sqlite3, as `npm start` prepares it.
  const native = (await import(pathToFileURL(join(projectRoot, 'scripts', 'electron-native.mjs')).href)) as {
    ensureElectronSqlite(root: string, version: string, log: (line: string) => void): string;
    electronVersion(root: string): string;
  };
  sqliteBinding = native.ensureElectronSqlite(projectRoot, native.electronVersion(projectRoot), console.info);
}, 300_000);

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Launched {
  readonly app: ElectronApplication;
  readonly dataDir: string;
  /** What the recorder saw, also after the process ended. */
  records(): { kind: string; [key: string]: unknown }[];
}

function newDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'navi-electron-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

async function startFixture(): Promise<FixtureServer> {
  const fixture = await startOpenAiFixture({ apiKey: 'sk-test' });
  cleanups.push(() => fixture.close());
  return fixture;
}

/** Navi under Electron on its own data directory and the scripted OpenAI-compatible server. */
async function launch(
  options: { dataDir?: string; fixture?: FixtureServer; args?: string[]; close?: boolean } = {},
): Promise<Launched> {
  const dataDir = options.dataDir ?? newDataDir();
  const record = join(dataDir, `record-${Date.now()}-${Math.random()}.jsonl`);
  const app = await electron.launch({
    executablePath: binary!,
    args: ['-r', RECORDER, MAIN, ...(options.args ?? [])],
    env: {
      ...process.env,
      NAVI_DATA_DIR: dataDir,
      NAVI_SQLITE_BINDING: sqliteBinding,
      NAVI_TEST_RECORD: record,
      ...(options.fixture
        ? { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: options.fixture.baseURL, NAVI_MODEL: 'fixture-model' }
        : {}),
    },
  });
  if (options.close !== false) cleanups.push(() => app.close().catch(() => {}));
  return {
    app,
    dataDir,
    records: () =>
      existsSync(record)
        ? readFileSync(record, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as { kind: string })
        : [],
  };
}

/** Runs Navi to its end without Playwright (for starts that exit at once); resolves with the exit code. */
function runToExit(
  dataDir: string,
): Promise<{ code: number | null; records: { kind: string; [key: string]: unknown }[] }> {
  const record = join(dataDir, `record-run-${Date.now()}.jsonl`);
  const child = spawn(binary!, ['-r', RECORDER, MAIN], {
    env: { ...process.env, NAVI_DATA_DIR: dataDir, NAVI_SQLITE_BINDING: sqliteBinding, NAVI_TEST_RECORD: record },
    stdio: 'ignore',
  });
  cleanups.push(() => child.kill());
  return new Promise((resolve) => {
    child.once('exit', (code) =>
      resolve({
        code,
        records: existsSync(record)
          ? readFileSync(record, 'utf8')
              .trim()
              .split('\n')
              .filter(Boolean)
              .map((line) => JSON.parse(line) as { kind: string })
          : [],
      }),
    );
  });
}

/** Calls a service through the page's bridge, as the renderer's client does (ids far from its own). */
async function call(page: Page, service: string, name: string, input?: unknown): Promise<unknown> {
  return page.evaluate(
    ({ service, name, input }) =>
      new Promise((resolve, reject) => {
        const bridge = (
          globalThis as unknown as { navi: { send(m: unknown): void; onMessage(l: (m: unknown) => void): () => void } }
        ).navi;
        const id = 1_000_000 + Math.floor(Math.random() * 1_000_000);
        const stop = bridge.onMessage((message) => {
          const answer = message as { t: string; id: number; value?: unknown; error?: { message: string } };
          if (answer.id !== id) return;
          stop();
          if (answer.t === 'result') resolve(answer.value);
          else reject(new Error(answer.error?.message ?? 'failed'));
        });
        bridge.send({ t: 'call', id, service, name, input });
      }),
    { service, name, input },
  );
}

async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

const processGone = (app: ElectronApplication): Promise<number | null> =>
  new Promise((resolve) => {
    const child = app.process();
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });

describe.skipIf(!binary)('desktop app under Electron', () => {
  it('launches a hardened window, sends a message and streams the reply', async () => {
    const fixture = await startFixture();
    fixture.script(reply.text('Hello from the desktop.', { chunkDelayMs: 20 }));
    const { app } = await launch({ fixture });
    const window = await app.firstWindow();
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await sendMessage(window, 'Hi');
    await expect
      .poll(() => window.getByText('Hello from the desktop.').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
  });

  it('opens a second window on the conversation that shows the same stream', async () => {
    const fixture = await startFixture();
    fixture.script(reply.text('One two three four five six seven eight nine ten.', { chunkDelayMs: 150 }));
    const { app } = await launch({ fixture });
    const first = await app.firstWindow();
    await sendMessage(first, 'Count');
    const [second] = await Promise.all([
      app.waitForEvent('window'),
      first.getByRole('button', { name: 'Open in new window' }).click(),
    ]);
    await expect.poll(() => second.getByText('nine ten.').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => first.getByText('nine ten.').count()).toBeGreaterThan(0);
  });

  it('remembers the main window bounds for the next start', async () => {
    const dataDir = newDataDir();
    const first = await launch({ dataDir, close: false });
    await first.app.firstWindow();
    await first.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.setBounds({ x: 60, y: 50, width: 1000, height: 700 }),
    );
    await first.app.close();
    const second = await launch({ dataDir });
    await second.app.firstWindow();
    const bounds = await second.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.getNormalBounds(),
    );
    expect(bounds).toMatchObject({ width: 1000, height: 700 });
  });

  it("a recall's notification click opens its conversation; the tray lists recalls and pauses them all", async () => {
    const fixture = await startFixture();
    fixture.setDefaultReply(reply.text('Deploy finished.'));
    const { app } = await launch({ fixture });
    const page = await app.firstWindow();
    const session = (await call(page, 'sessions', 'create', { title: 'Deploy watch' })) as { id: string };
    await call(page, 'recalls', 'create', {
      sessionId: session.id,
      schedule: { kind: 'once', at: Date.now() + 2_000 },
      message: 'Check whether the deploy finished',
    });
    await call(page, 'recalls', 'create', {
      sessionId: session.id,
      schedule: { kind: 'once', at: Date.now() + 3_600_000 },
      message: 'Check again later',
    });
    await expect
      .poll(() => app.evaluate(() => (globalThis as { __naviNotifications?: unknown[] }).__naviNotifications!.length), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    const before = app.windows().length;
    await app.evaluate(() => {
      const shown = (globalThis as { __naviNotifications?: { emit(event: string): void }[] }).__naviNotifications!;
      shown[shown.length - 1]!.emit('click');
    });
    await expect.poll(() => app.windows().length).toBe(before + 1);
    expect(app.windows().at(-1)!.url()).toContain(`#/c/${session.id}`);

    const labels = () =>
      app.evaluate(() =>
        (globalThis as { __naviTrayMenu?: { items: { label: string }[] } }).__naviTrayMenu!.items.map(
          (item) => item.label,
        ),
      );
    await expect.poll(async () => (await labels()).some((label) => label.endsWith('· Deploy watch'))).toBe(true);
    await app.evaluate(() =>
      (globalThis as { __naviTrayMenu?: { items: { label: string; click(): void }[] } })
        .__naviTrayMenu!.items.find((item) => item.label === 'Pause all recalls')!
        .click(),
    );
    await expect.poll(labels).toContain('No upcoming recalls');
  });

  it('a second start focuses the running window and exits', async () => {
    const first = await launch();
    await first.app.firstWindow();
    expect((await runToExit(first.dataDir)).code).toBe(0);
    await expect
      .poll(() =>
        first.app.evaluate(() =>
          (globalThis as unknown as { __naviRecord: { kind: string }[] }).__naviRecord.some(
            (entry) => entry.kind === 'focus',
          ),
        ),
      )
      .toBe(true);
  });

  it('quitting stops the run, keeps its text as interrupted and ends MCP servers before the process exits', async () => {
    const fixture = await startFixture();
    const { app, dataDir } = await launch({ fixture, close: false });
    const page = await app.firstWindow();
    await app.evaluate(() => ((globalThis as { __naviAnswer?: number }).__naviAnswer = 0));
    const pidFile = join(dataDir, 'mcp.json');
    await call(page, 'mcp', 'add', {
      transport: 'stdio',
      name: 'scripted',
      command: process.execPath,
      args: [join(projectRoot, 'tests', 'fixtures', 'mcp', 'scriptedServer.mjs'), '--pid-file', pidFile],
    });
    await expect.poll(() => existsSync(pidFile), { timeout: 15_000 }).toBe(true);
    const { server } = JSON.parse(readFileSync(pidFile, 'utf8')) as { server: number };
    fixture.script(reply.text('First part of a long answer. And then', { hangAfterChunks: 4 }));
    await sendMessage(page, 'Tell me a long story');
    await expect
      .poll(() => page.getByText('First part', { exact: false }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);

    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    expect(await processGone(app)).toBe(0);
    expect(() => process.kill(server, 0)).toThrow();
    const db = new Database(join(dataDir, 'navi.db'), { readonly: true });
    try {
      const statuses = db.prepare("SELECT status FROM messages WHERE role = 'assistant'").all() as { status: string }[];
      expect(statuses.map((row) => row.status)).toEqual(['interrupted']);
    } finally {
      db.close();
    }
  });

  it('a resume from sleep runs a recall that fell due while suspended', async () => {
    const fixture = await startFixture();
    fixture.setDefaultReply(reply.text('Good morning.'));
    const { app } = await launch({ fixture });
    const page = await app.firstWindow();
    const session = (await call(page, 'sessions', 'create', { title: 'Morning' })) as { id: string };
    await app.evaluate(({ powerMonitor }) => powerMonitor.emit('suspend'));
    await call(page, 'recalls', 'create', {
      sessionId: session.id,
      schedule: { kind: 'once', at: Date.now() + 1_000 },
      message: 'Say good morning',
    });
    await app.evaluate(({ powerMonitor }) => powerMonitor.emit('resume'));
    await expect.poll(() => fixture.chatRequests().length, { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it('the page reaches neither Node nor other sites; the bridge refuses messages outside the contract', async () => {
    const { app } = await launch();
    const page = await app.firstWindow();
    const url = page.url();
    expect(await page.evaluate(() => Object.keys((globalThis as { navi?: object }).navi ?? {}).sort())).toEqual([
      'onMessage',
      'send',
    ]);
    await expect(
      page.evaluate(() =>
        (globalThis as unknown as { navi: { send(m: unknown): void } }).navi.send({
          t: 'call',
          id: 1,
          service: 'fs',
          name: 'read',
        }),
      ),
    ).rejects.toThrow(/outside the contract/);
    await page.evaluate(
      () => ((globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'),
    );
    await expect.poll(() => page.url()).toBe(url);
    await expect
      .poll(() =>
        app.evaluate(() =>
          (globalThis as unknown as { __naviRecord: { kind: string; message?: string }[] }).__naviRecord.some(
            (entry) => entry.kind === 'messageBox' && entry.message === 'Open example.com in your browser?',
          ),
        ),
      )
      .toBe(true);
  });

  it('after a reload and after a renderer crash the page works and follows live updates', async () => {
    const fixture = await startFixture();
    fixture.setDefaultReply(reply.text('Still here.'));
    const { app } = await launch({ fixture });
    const page = await app.firstWindow();
    await page.reload();
    await sendMessage(page, 'After reload');
    await expect.poll(() => page.getByText('Still here.').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
    await expect.poll(() => page.getByRole('textbox', { name: 'Message' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'New chat' }).click();
    await sendMessage(page, 'After crash');
    await expect.poll(() => page.getByText('Still here.').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it('a start-up failure shows the reason in a dialog and exits with 1, leaving nothing running', async () => {
    const dataDir = newDataDir();
    const db = new Database(join(dataDir, 'navi.db'));
    db.pragma('user_version = 999');
    db.close();
    const failed = await runToExit(dataDir);
    expect(failed.code).toBe(1);
    expect(failed.records.filter((entry) => entry.kind === 'errorBox')).toEqual([
      { kind: 'errorBox', title: 'Navi could not start', content: expect.stringMatching(/newer version of Navi/) },
    ]);
  });

  it('started with --background it opens no window and still fires due recalls', async () => {
    const fixture = await startFixture();
    fixture.setDefaultReply(reply.text('Done in the background.'));
    const dataDir = newDataDir();
    const first = await launch({ dataDir, fixture, close: false });
    const page = await first.app.firstWindow();
    const session = (await call(page, 'sessions', 'create', { title: 'Nightly' })) as { id: string };
    await call(page, 'recalls', 'create', {
      sessionId: session.id,
      schedule: { kind: 'once', at: Date.now() + 8_000 },
      message: 'Run the nightly check',
    });
    await first.app.close();
    const woken = await launch({ dataDir, fixture, args: ['--background'] });
    await expect
      .poll(() => woken.records().some((entry) => entry.kind === 'notification'), { timeout: 30_000 })
      .toBe(true);
    expect(woken.app.windows()).toEqual([]);
  });
});
