import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecallNotification } from '../../../src/core/ports';
import { createDesktopNotifier, type NotificationLike } from '../../../src/main/desktopNotifier';
import { DEFAULT_PREFS, loadPrefs, savePrefs } from '../../../src/main/desktopPrefs';
import { createPowerMonitor, type PowerEventsLike } from '../../../src/main/powerMonitor';
import { buildTrayMenu, trayWhen } from '../../../src/main/trayMenu';
import { sessionIdFromUrl, WindowRegistry, type ManagedWindow } from '../../../src/main/windowRegistry';
import type { Recall } from '../../../src/shared/contract';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

/** Electron test doubles at the import boundary: windows, notifications, power events, safeStorage. */
class FakeWindow implements ManagedWindow {
  static nextId = 1;
  readonly id = FakeWindow.nextId++;
  focused = 0;
  minimized = false;
  destroyed = false;
  focus() {
    this.focused++;
  }
  restore() {
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

function registry() {
  const opened: (string | undefined)[] = [];
  const windows: FakeWindow[] = [];
  const reg = new WindowRegistry((sessionId) => {
    opened.push(sessionId);
    const window = new FakeWindow();
    windows.push(window);
    return window;
  });
  return { reg, opened, windows };
}

describe('window registry', () => {
  it('focuses the window already showing a conversation, restoring it if minimised', () => {
    const { reg, opened } = registry();
    const main = reg.open(undefined) as FakeWindow;
    reg.navigated(main.id, 'file:///app/out/renderer/index.html#/c/abc');
    main.minimized = true;
    expect(reg.focusOrOpen('abc')).toBe(main);
    expect(main.focused).toBe(1);
    expect(main.minimized).toBe(false);
    expect(opened).toEqual([undefined]);
  });

  it('opens a new window on a conversation no window shows, and forgets closed windows', () => {
    const { reg, opened } = registry();
    const first = reg.focusOrOpen('one') as FakeWindow;
    expect(opened).toEqual(['one']);
    first.destroyed = true;
    reg.focusOrOpen('one');
    expect(opened).toEqual(['one', 'one']);
    expect(reg.count).toBe(1);
  });

  it('reads the conversation from hash routes only', () => {
    expect(sessionIdFromUrl('http://localhost:5173/#/c/a%20b')).toBe('a b');
    expect(sessionIdFromUrl('file:///x/index.html#/settings')).toBeUndefined();
    expect(sessionIdFromUrl('file:///x/c/abc')).toBeUndefined();
  });
});

describe('notifications', () => {
  const notification: RecallNotification = {
    kind: 'fired',
    recallId: 'r1',
    sessionId: 's1',
    sessionTitle: 'Deploy watch',
    text: 'The deploy finished at 14:02.',
  };

  function setup(enabled = true, supportsActions = false) {
    const created: (NotificationLike & {
      options: unknown;
      click(): void;
      press(index: number): void;
      shown: boolean;
    })[] = [];
    const opened: string[] = [];
    const snoozed: string[] = [];
    const notifier = createDesktopNotifier({
      isSupported: () => true,
      enabled: () => enabled,
      openSession: (id) => opened.push(id),
      openNavi: () => opened.push('Navi'),
      supportsActions,
      snooze: (id) => snoozed.push(id),
      create: (options) => {
        const listeners = new Map<string, (details: { readonly actionIndex: number }) => void>();
        const item = {
          options,
          shown: false,
          on: (event: string, listener: (details: { readonly actionIndex: number }) => void) =>
            listeners.set(event, listener),
          show() {
            item.shown = true;
          },
          click: () => listeners.get('click')?.({ actionIndex: -1 }),
          press: (actionIndex: number) => listeners.get('action')?.({ actionIndex }),
        };
        created.push(item);
        return item;
      },
    });
    return { notifier, created, opened, snoozed };
  }

  it("shows the session title and the reply's first line; a click opens that conversation", () => {
    const { notifier, created, opened } = setup();
    notifier.notify(notification);
    expect(created[0]!.options).toEqual({
      title: 'Recall · Deploy watch',
      body: 'The deploy finished at 14:02.',
      silent: false,
    });
    expect(created[0]!.shown).toBe(true);
    created[0]!.click();
    expect(opened).toEqual(['s1']);
  });

  it('says when a recall failed, and stays quiet when notifications are off', () => {
    const on = setup();
    on.notifier.notify({ ...notification, kind: 'failed', text: 'The provider is unavailable.' });
    expect((on.created[0]!.options as { title: string }).title).toBe('Recall failed · Deploy watch');
    const off = setup(false);
    off.notifier.notify(notification);
    expect(off.created).toEqual([]);
  });

  it('offers "Snooze 1 hour" where notifications have buttons, for a recall with a next run; pressing it snoozes', () => {
    const { notifier, created, opened, snoozed } = setup(true, true);
    notifier.notify({ ...notification, snoozable: true });
    notifier.notify({ ...notification, recallId: 'r2', snoozable: false }); // a one-time recall that is done
    expect(created.map((item) => (item.options as { actions?: unknown }).actions)).toEqual([
      [{ type: 'button', text: 'Snooze 1 hour' }],
      undefined,
    ]);
    created[0]!.press(0);
    expect(snoozed).toEqual(['r1']);
    expect(opened).toEqual([]);
    // Linux shows no buttons: none is asked for; a click still opens the conversation.
    const linux = setup(true, false);
    linux.notifier.notify({ ...notification, snoozable: true });
    expect((linux.created[0]!.options as { actions?: unknown }).actions).toBeUndefined();
    linux.created[0]!.click();
    expect(linux.opened).toEqual(['s1']);
  });

  it('a quiet-hours summary across conversations opens Navi', () => {
    const { notifier, created, opened } = setup(true, true);
    notifier.notify({
      kind: 'summary',
      recallId: null,
      sessionId: null,
      sessionTitle: 'Navi',
      title: '3 recalls ran during quiet hours',
      text: 'In Deploy watch and Inbox.',
    });
    expect(created[0]!.options).toEqual({
      title: '3 recalls ran during quiet hours',
      body: 'In Deploy watch and Inbox.',
      silent: false,
    });
    created[0]!.click();
    expect(opened).toEqual(['Navi']);
  });

  it("titles a recall's request for approval as the core words it, and a click opens the conversation", () => {
    const { notifier, created, opened } = setup();
    notifier.notify({
      ...notification,
      kind: 'approval',
      title: 'Navi needs your OK to run ping (Scripted)',
      text: 'A recall in “Deploy watch” is waiting for your answer (up to 30 minutes).',
    });
    expect(created[0]!.options).toEqual({
      title: 'Navi needs your OK to run ping (Scripted)',
      body: 'A recall in “Deploy watch” is waiting for your answer (up to 30 minutes).',
      silent: false,
    });
    created[0]!.click();
    expect(opened).toEqual(['s1']);
  });
});

describe('tray menu', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  const recall = (id: string, sessionId: string, nextRunAt: number): Recall => ({
    id,
    sessionId,
    kind: 'once',
    triggerAt: nextRunAt,
    intervalSeconds: null,
    cronExpression: null,
    timeZone: null,
    scheduleWords: 'Once',
    endsAt: null,
    maxRuns: null,
    runCount: 0,
    notify: 'always' as const,
    cancelOnReply: false,
    message: 'Check the deploy',
    status: 'pending',
    missedPolicy: 'catch_up_once',
    unattendedPolicy: 'wait',
    createdBy: 'agent',
    nextRunAt,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    lastRunAt: null,
    lastOutcome: null,
    lastError: null,
  });

  it('lists the upcoming recalls with their local times and conversation titles, then pause all and quit', () => {
    const actions = {
      openNavi: () => {},
      openSession: (id: string) => opened.push(id),
      pauseAll: () => paused++,
      quit: () => {},
    };
    const opened: string[] = [];
    let paused = 0;
    const menu = buildTrayMenu({
      upcoming: [recall('a', 's1', now + 2.5 * 3_600_000), recall('b', 's2', now + 26 * 3_600_000)],
      lastRun: { sessionId: 's1', startedAt: now - 3 * 3_600_000, failed: false },
      sessionTitle: (id) => (id === 's1' ? 'Deploy watch' : undefined),
      now,
      timeZone: 'Europe/Berlin',
      locale: 'en-US',
      actions,
    });
    // 12:00 UTC is 13:00 in Berlin: the times are Berlin's, in words.
    expect(menu.map((item) => item.label ?? '—')).toEqual([
      'Open Navi',
      '—',
      'Upcoming recalls',
      'Today at 3:30 PM · Deploy watch',
      'Tomorrow at 3:00 PM · Check the deploy',
      'Last ran today at 10:00 AM · Deploy watch',
      '—',
      'Pause all recalls',
      '—',
      'Quit Navi',
    ]);
    menu[3]!.click!();
    menu[5]!.click!();
    menu[7]!.click!();
    expect(opened).toEqual(['s1', 's1']);
    expect(paused).toBe(1);
    // A 24-hour locale reads its own clock.
    expect(trayWhen(now + 2.5 * 3_600_000, now, 'Europe/Berlin', 'en-GB')).toBe('Today at 15:30');
  });

  it('says when nothing is scheduled and disables pause all', () => {
    const menu = buildTrayMenu({
      upcoming: [],
      sessionTitle: () => undefined,
      now,
      timeZone: 'UTC',
      actions: { openNavi: () => {}, openSession: () => {}, pauseAll: () => {}, quit: () => {} },
    });
    expect(menu.find((item) => item.label === 'No upcoming recalls')?.enabled).toBe(false);
    expect(menu.find((item) => item.label === 'Pause all recalls')?.enabled).toBe(false);
    expect(trayWhen(now + 3 * 86_400_000, now, 'UTC', 'en-US')).toBe('On Friday at 12:00 PM');
    expect(trayWhen(now + 9 * 86_400_000, now, 'UTC', 'en-US')).toBe('On Thu, Dec 3 at 12:00 PM');
  });
});

describe('power monitor', () => {
  it('passes suspend and resume on, and reports a wall-clock jump as a resume', () => {
    const listeners = new Map<string, () => void>();
    const events: PowerEventsLike = {
      on: (event, listener) => listeners.set(event, listener),
      removeListener: (event) => listeners.delete(event),
    };
    let wall = 1_000_000;
    let monotonic = 0;
    let tick = () => {};
    const monitor = createPowerMonitor({
      events,
      wallNow: () => wall,
      monotonicNow: () => monotonic,
      setInterval: (callback) => (tick = callback),
      clearInterval: () => {},
    });
    const seen: string[] = [];
    monitor.onSuspend(() => seen.push('suspend'));
    monitor.onResume(() => seen.push('resume'));
    listeners.get('suspend')!();
    listeners.get('resume')!();
    wall += 15_000;
    monotonic += 15_000;
    tick(); // normal: no event
    wall += 15_000 + 600_000; // slept ten minutes without a resume event
    monotonic += 15_000;
    tick();
    expect(seen).toEqual(['suspend', 'resume', 'resume']);
    monitor.dispose();
    expect(listeners.size).toBe(0);
  });
});

describe('desktop prefs', () => {
  it('loads defaults for a missing or damaged prefs file and drops absurd window bounds', () => {
    const dir = tempDir();
    expect(loadPrefs(join(dir, 'missing.json'))).toEqual(DEFAULT_PREFS);
    const file = join(dir, 'desktop.json');
    writeFileSync(file, '{"runInBackground": false, "mainWindow": {"width": 10, "height": 20}}');
    expect(loadPrefs(file)).toEqual({ ...DEFAULT_PREFS, runInBackground: false });
    savePrefs(file, { ...DEFAULT_PREFS, mainWindow: { x: 5, y: 6, width: 900, height: 700, maximized: true } });
    expect(loadPrefs(file).mainWindow).toEqual({ x: 5, y: 6, width: 900, height: 700, maximized: true });
  });
});
