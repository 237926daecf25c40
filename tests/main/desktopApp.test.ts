import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/core';
import { messageText } from '../../src/shared/contract';
import { reply } from '../fixtures';
import { quietLogger } from '../helpers/host';
import { isAlive } from '../integration/mcp/harness';
import { ManualClock } from '../helpers/manualClock';
import { useTempDirs } from '../helpers/tempDir';
import { eventually, APP_PAGE, useDesktop, useProvider } from './desktopHarness';
import { FakeMachine, FakePageStorage } from './fakeElectron';

const provider = useProvider();
const launch = useDesktop();
const tempDir = useTempDirs();

const MINUTE = 60_000;
const context = { signal: new AbortController().signal, peerId: 'test', isCongested: () => false };

describe('windows', () => {
  it('opens one hardened window on start and remembers its bounds for the next start', async () => {
    const first = await launch();
    const [window] = first.electron.windows();
    expect(window!.page.url).toBe(`${APP_PAGE}`);
    expect(window!.visible).toBe(false); // shown once its page is ready, never blank
    await new Promise((resolve) => window!.once('ready-to-show', resolve));
    expect(window!.visible).toBe(true);
    window!.setBounds({ x: 120, y: 80, width: 1300, height: 900 });
    window!.maximize();
    expect(await first.quit()).toBe(0);

    const second = await launch({ dataDir: first.dataDir });
    const [reopened] = second.electron.windows();
    expect(reopened!.options).toMatchObject({ x: 120, y: 80, width: 1300, height: 900 });
    expect(reopened!.maximized).toBe(true);
  });

  it('loads its page from navi://app/, a scheme registered before ready with the V8 code cache on', async () => {
    const rendererDir = join(tempDir(), 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Navi</title>');
    writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'export {};');
    const desktop = await launch({ rendererDir });
    const { protocol } = desktop.electron;
    // Registered before 'ready' (the fake throws after it, as Electron does); a standard, secure scheme.
    expect(protocol.privileged).toEqual([
      {
        scheme: 'navi',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
      },
    ]);
    expect(desktop.electron.windows()[0]!.page.url).toBe('navi://app/index.html');
    const page = await protocol.request('navi://app/index.html');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Navi</title>');
    const script = await protocol.request('navi://app/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await protocol.request('navi://app/../../userData/secrets.json')).status).toBe(404);
  });

  it("carries the page's preferences from its old file:// origin to navi://app/, once", async () => {
    const dataDir = tempDir();
    const pageStorage = new FakePageStorage();
    const old = pageStorage.store('file://');
    old.set('navi.theme', 'dark');
    old.set('navi.sidebar.collapsed', '1');
    old.set('navi.setupDismissed', 'x'.repeat(5_000)); // not a preference: too long to be one
    old.set('someone.else', 'kept where it is');
    pageStorage.store('navi://app').set('navi.sidebar.collapsed', '0'); // set since: it wins
    mkdirSync(join(dataDir, 'Local Storage')); // Chromium's folder: a page kept something before
    const first = await launch({ dataDir, pageStorage });
    expect(Object.fromEntries(pageStorage.store('navi://app'))).toEqual({
      'navi.sidebar.collapsed': '0',
      'navi.theme': 'dark',
    });
    expect(first.logs).toContain('info: Carried 1 window preferences over to navi://app/.');
    // The hidden window it used is gone, and closing it was no "last window closed".
    expect(first.electron.allWindowsEver()).toHaveLength(2);
    expect(first.electron.windows().map((window) => window.page.url)).toEqual([APP_PAGE]);
    expect(first.electron.notifications).toEqual([]);
    expect(await first.quit()).toBe(0);

    old.set('navi.theme', 'light');
    const second = await launch({ dataDir, pageStorage });
    expect(pageStorage.store('navi://app').get('navi.theme')).toBe('dark');
    expect(second.electron.allWindowsEver()).toHaveLength(1);
  });

  it('a new install (no Local Storage folder) opens no hidden window to carry anything', async () => {
    const desktop = await launch();
    expect(desktop.electron.allWindowsEver()).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(desktop.dataDir, 'desktop.json'), 'utf8'))).toMatchObject({
      pageStorageMoved: true,
    });
  });

  it('a notification click focuses the window showing that conversation, or opens one on it', async () => {
    const fixture = await provider();
    fixture.setDefaultReply(reply.text('The deploy finished.'));
    const desktop = await launch({ provider: fixture });
    const api = desktop.mainClient().api;
    const session = await api.sessions.create({ title: 'Deploy watch' });
    await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: desktop.clock.now() + MINUTE },
      message: 'Did the deploy finish?',
    });
    desktop.clock.advance(MINUTE);
    const notification = await eventually(() => desktop.electron.notifications[0], 'the recall notification');
    expect(notification.options).toMatchObject({ title: 'Recall · Deploy watch', body: 'The deploy finished.' });

    // The only window shows another view: the click opens a window on the conversation.
    notification.click();
    const windows = desktop.electron.windows();
    expect(windows).toHaveLength(2);
    expect(windows[1]!.page.url).toBe(`${APP_PAGE}#/c/${session.id}`);

    // Now one shows it: a second click focuses that window instead of opening a duplicate.
    const focusedBefore = windows[1]!.focused;
    windows[1]!.minimize();
    notification.click();
    expect(desktop.electron.windows()).toHaveLength(2);
    expect(windows[1]!.focused).toBe(focusedBefore + 1);
    expect(windows[1]!.isMinimized()).toBe(false);
  });

  it('"Snooze 1 hour" on a recall notification (macOS) puts off its next run in the core', async () => {
    const fixture = await provider();
    fixture.setDefaultReply(reply.text('Inbox is empty.'));
    const desktop = await launch({ provider: fixture, platform: 'darwin' });
    const api = desktop.mainClient().api;
    const session = await api.sessions.create({ title: 'Inbox' });
    const recall = await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'interval', everySeconds: 3600 },
      message: 'Anything new?',
    });
    const firstRun = recall.nextRunAt!;
    desktop.clock.advance(firstRun - desktop.clock.now());
    const notification = await eventually(() => desktop.electron.notifications[0], 'the recall notification');
    expect(notification.options).toMatchObject({
      title: 'Recall · Inbox',
      body: 'Inbox is empty.',
      actions: [{ type: 'button', text: 'Snooze 1 hour' }],
    });
    const [ran] = await api.recalls.list({ sessionId: session.id });
    expect(ran!.nextRunAt).toBe(firstRun + 3600_000);

    notification.pressAction(0);
    const [snoozed] = await api.recalls.list({ sessionId: session.id });
    expect(snoozed!.nextRunAt).toBe(firstRun + 2 * 3600_000);
    // The button snoozes; it does not open a window.
    expect(desktop.electron.windows()).toHaveLength(1);
  });

  it('offers no button on Linux (no notification actions there); a click opens the conversation', async () => {
    const fixture = await provider();
    fixture.setDefaultReply(reply.text('Inbox is empty.'));
    const desktop = await launch({ provider: fixture, platform: 'linux' });
    const api = desktop.mainClient().api;
    const session = await api.sessions.create({ title: 'Inbox' });
    const recall = await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'interval', everySeconds: 3600 },
      message: 'Anything new?',
    });
    desktop.clock.advance(recall.nextRunAt! - desktop.clock.now());
    const notification = await eventually(() => desktop.electron.notifications[0], 'the recall notification');
    expect(notification.options.actions).toBeUndefined();
    notification.click();
    expect(desktop.electron.windows().at(-1)!.page.url).toBe(`${APP_PAGE}#/c/${session.id}`);
  });

  it('follows in-page navigation: a window that moved to a conversation is the one focused for it', async () => {
    const desktop = await launch();
    const api = desktop.mainClient().api;
    const session = await api.sessions.create({ title: 'Notes' });
    const [main] = desktop.electron.windows();
    main!.page.navigateInPage(`/c/${session.id}`);
    desktop.app.core(); // the registry lives in the shell; the tray reaches it through "open"
    await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: desktop.clock.now() + 10 * MINUTE },
      message: 'Look again',
    });
    desktop.clock.advance(1_000);
    const tray = desktop.electron.trays[0]!;
    tray.menu!.click(tray.menu!.labels.find((label) => label.includes('Notes'))!);
    expect(desktop.electron.windows()).toHaveLength(1);
    expect(main!.focused).toBeGreaterThan(0);
  });
});

describe('tray', () => {
  it('lists the next recalls in local time with their conversations, and "Pause all recalls" pauses them', async () => {
    const desktop = await launch();
    const api = desktop.mainClient().api;
    const session = await api.sessions.create({ title: 'Deploy watch' });
    const tray = desktop.electron.trays[0]!;
    expect(tray.toolTip).toBe('Navi');
    expect(tray.menu!.labels).toContain('No upcoming recalls');
    expect(tray.menu!.item('Pause all recalls').enabled).toBe(false);

    await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: Date.parse('2026-11-24T14:30:00Z') },
      message: 'Check the deploy',
    });
    await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: Date.parse('2026-11-25T08:00:00Z') },
      message: 'Check again',
    });
    desktop.clock.advance(1_000); // the menu is rebuilt shortly after changes
    expect(tray.menu!.labels).toEqual([
      'Open Navi',
      '—',
      'Upcoming recalls',
      'Today at 3:30 PM · Deploy watch',
      'Tomorrow at 9:00 AM · Deploy watch',
      '—',
      'Pause all recalls',
      '—',
      'Quit Navi',
    ]);

    tray.menu!.click('Pause all recalls');
    expect((await api.recalls.list()).map((recall) => recall.status)).toEqual(['paused', 'paused']);
    desktop.clock.advance(1_000);
    expect(tray.menu!.labels).toContain('No upcoming recalls');
  });

  it('says in the tray when a recall last ran, in local time and words, and keeps "today" true', async () => {
    const fixture = await provider();
    fixture.setDefaultReply(reply.text('Deployed.'));
    const desktop = await launch({ provider: fixture });
    const api = desktop.mainClient().api;
    const session = await api.sessions.create({ title: 'Deploy watch' });
    await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: Date.parse('2026-11-24T14:30:00Z') },
      message: 'Check the deploy',
    });
    const tray = desktop.electron.trays[0]!;
    desktop.clock.advance(Date.parse('2026-11-24T14:30:00Z') - desktop.clock.now());
    // 14:30 UTC is 3:30 PM in Berlin (the launch's zone).
    await eventually(
      () => tray.menu!.labels.includes('Last ran today at 3:30 PM · Deploy watch'),
      'the last run in the tray',
      { clock: desktop.clock },
    );
    expect(tray.menu!.labels).toContain('No upcoming recalls');
    // The menu is rebuilt each minute: past midnight in Berlin it was yesterday.
    desktop.clock.advance(Date.parse('2026-11-24T23:01:00Z') - desktop.clock.now());
    expect(tray.menu!.labels).toContain('Last ran yesterday at 3:30 PM · Deploy watch');
    tray.menu!.click('Last ran yesterday at 3:30 PM · Deploy watch');
    expect(desktop.electron.windows().at(-1)!.page.url).toBe(`${APP_PAGE}#/c/${session.id}`);
  });

  it('"Quit Navi" in the tray quits; clicking the icon brings a window back', async () => {
    const desktop = await launch();
    const tray = desktop.electron.trays[0]!;
    desktop.electron.windows()[0]!.close();
    expect(desktop.electron.app.state).toBe('running'); // runs on in the tray
    expect(desktop.electron.notifications.map((n) => n.options.title)).toEqual(['Navi is still running']);
    tray.click();
    expect(desktop.electron.windows()).toHaveLength(1);
    tray.menu!.click('Quit Navi');
    expect(await desktop.electron.app.exited).toBe(0);
    expect(tray.destroyed).toBe(true);
  });
});

describe('single instance', () => {
  it('a second start focuses the running window and quits at once', async () => {
    const machine = new FakeMachine();
    const first = await launch({ machine });
    const [window] = first.electron.windows();
    window!.minimize();
    const second = await launch({ machine, dataDir: first.dataDir });
    expect(await second.electron.app.exited).toBe(0);
    expect(second.electron.allWindowsEver()).toEqual([]);
    expect(second.app.core()).toBeUndefined();
    expect(window!.focused).toBe(1);
    expect(window!.isMinimized()).toBe(false);
  });

  it('the lock is per data directory: a Navi on another one runs beside it', async () => {
    const machine = new FakeMachine();
    const first = await launch({ machine });
    const other = await launch({ machine });
    expect(other.electron.app.state).toBe('running');
    expect(other.electron.windows()).toHaveLength(1);
    expect(first.electron.windows()[0]!.focused).toBe(0);
  });

  it('a second start opens a window when the first runs in the tray only', async () => {
    const machine = new FakeMachine();
    const first = await launch({ machine });
    first.electron.windows()[0]!.close();
    expect(first.electron.windows()).toHaveLength(0);
    await launch({ machine, dataDir: first.dataDir });
    expect(first.electron.windows()).toHaveLength(1);
  });
});

describe('quitting', () => {
  it('stops the scheduler, stops the run (keeping its text as interrupted), ends MCP children, then closes the database', async () => {
    const fixture = await provider();
    const desktop = await launch({ provider: fixture });
    const startedAt = desktop.clock.now();
    const api = desktop.mainClient().api;
    const session = await api.sessions.create({ title: 'Long answer' });
    const recall = await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: desktop.clock.now() + 5 * MINUTE },
      message: 'Later',
    });
    const pidFile = join(desktop.dataDir, 'mcp-pids.json');
    desktop.electron.dialog.answer = () => ({ response: 0 }); // "Run Program"

    const server = await api.mcp.add({
      name: 'scripted',
      transport: 'stdio',
      command: process.execPath,
      args: [join(__dirname, '..', 'fixtures', 'mcp', 'scriptedServer.mjs'), '--pid-file', pidFile],
    });
    const pids = await eventually(
      () =>
        existsSync(pidFile) && (JSON.parse(readFileSync(pidFile, 'utf8')) as { server: number; grandchild: number }),
      'the MCP server to start',
    );
    await eventually(async () => (await api.mcp.list())[0]?.status.state === 'connected' || undefined, 'MCP connected');
    expect(server.name).toBe('scripted');

    fixture.script(reply.text('First part of a long answer. And then', { hangAfterChunks: 4 }));
    let streamed = '';
    api.chat.subscribe({ sessionId: session.id, fromSeq: 1 }, (message) => {
      if (message.kind !== 'events') return;
      for (const event of message.events) if (event.type === 'text-delta') streamed += event.text;
    });
    await api.chat.send({ sessionId: session.id, text: 'Tell me a long story' });
    await eventually(() => streamed.includes('First part'), 'the reply to stream', { clock: desktop.clock });

    let stateAtExit: { serverAlive: boolean; walExists: boolean } | undefined;
    desktop.electron.app.once('quit', () => {
      stateAtExit = {
        serverAlive: isAlive(pids.server) || isAlive(pids.grandchild),
        walExists: existsSync(join(desktop.dataDir, 'navi.db-wal')),
      };
    });
    expect(await desktop.quit()).toBe(0);
    expect(stateAtExit).toEqual({ serverAlive: false, walExists: false });

    // Time goes on after quitting: the scheduler is gone, so nothing fires.
    desktop.clock.advance(10 * MINUTE);
    expect(fixture.chatRequests()).toHaveLength(1);

    // What was stored: the recall still pending, the stopped reply with its partial text.
    const reopened = createCore({
      dataDir: desktop.dataDir,
      version: '0.0.0-test',
      shell: 'browser',
      logger: quietLogger,
      clock: new ManualClock(startedAt),
      env: {},
    });
    try {
      expect((await reopened.services.recalls.list(undefined, context)).map((r) => [r.id, r.status])).toEqual([
        [recall.id, 'pending'],
      ]);
      const snapshot = await reopened.services.sessions.get({ id: session.id }, context);
      expect(snapshot.messages.map((message) => [message.role, message.status])).toEqual([
        ['user', 'complete'],
        ['assistant', 'interrupted'], // cut short by Navi closing, text kept
      ]);
      expect(messageText(snapshot.messages[1]!)).toContain('First part');
    } finally {
      await reopened.close();
    }
  });
});

describe('sleep and wake', () => {
  it('a recall that fell due while the machine slept fires as soon as it wakes', async () => {
    const fixture = await provider();
    fixture.setDefaultReply(reply.text('Good morning.'));
    const desktop = await launch({ provider: fixture });
    const api = desktop.mainClient().api;
    const session = await api.sessions.create({ title: 'Morning' });
    await api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: desktop.clock.now() + 10 * MINUTE },
      message: 'Say good morning',
    });
    desktop.electron.powerMonitor.emit('suspend');
    desktop.sleep(8 * 60 * MINUTE);
    expect(fixture.chatRequests()).toHaveLength(0);
    desktop.electron.powerMonitor.emit('resume');
    await fixture.waitForChatRequests(1);
    await eventually(async () => (await api.recalls.list())[0]?.status === 'done' || undefined, 'the recall to finish');
  });
});
