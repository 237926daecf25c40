import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecallNotification } from '../../../src/core/ports';
import { openDatabase, type OpenedDatabase } from '../../../src/core/db/database';
import { AppMetaHeldNotices, MAX_HELD_NOTICES } from '../../../src/core/recalls/heldNotices';
import { QuietHoursGate } from '../../../src/core/recalls/quietHoursGate';
import type { AppEvent, QuietHours } from '../../../src/shared/contract';
import { isQuietAt, quietHoursEnd } from '../../../src/shared/recalls/quietHours';
import { quietHoursSummary } from '../../../src/shared/recalls/recallNotice';
import { settle } from '../../helpers/controlledAgent';
import { quietLogger } from '../../helpers/host';
import { localStamp } from '../../helpers/localStamp';
import { ManualClock } from '../../helpers/manualClock';
import { CountingAgent, createRecallHarness, type RecallHarness } from '../../helpers/recalls';
import { useTempDirs } from '../../helpers/tempDir';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const NIGHT: QuietHours = { from: '22:00', to: '07:00' };

const at = (iso: string) => Date.parse(iso);
const endIn = (window: QuietHours, iso: string, zone: string) => {
  const end = quietHoursEnd(window, at(iso), zone);
  return end === undefined ? undefined : localStamp(end, zone);
};

describe('the quiet-hours rule (shared)', () => {
  it('holds from `from` up to, not including, `to`, across midnight', () => {
    // 2026-11-24 is CET (UTC+1).
    expect(isQuietAt(NIGHT, at('2026-11-24T20:59:00Z'), BERLIN)).toBe(false); // 21:59
    expect(isQuietAt(NIGHT, at('2026-11-24T21:00:00Z'), BERLIN)).toBe(true); // 22:00
    expect(isQuietAt(NIGHT, at('2026-11-24T23:30:00Z'), BERLIN)).toBe(true); // 00:30 the next day
    expect(isQuietAt(NIGHT, at('2026-11-25T05:59:00Z'), BERLIN)).toBe(true); // 06:59
    expect(isQuietAt(NIGHT, at('2026-11-25T06:00:00Z'), BERLIN)).toBe(false); // 07:00
    // The same instant is 16:00 in New York: not quiet there.
    expect(isQuietAt(NIGHT, at('2026-11-24T21:00:00Z'), NEW_YORK)).toBe(false);
    expect(endIn(NIGHT, '2026-11-24T22:30:00Z', BERLIN)).toBe('2026-11-25 07:00 GMT+1');
    expect(endIn(NIGHT, '2026-11-25T05:59:30Z', BERLIN)).toBe('2026-11-25 07:00 GMT+1');
  });

  it('holds within a window that does not cross midnight, and never when off or malformed', () => {
    const lunch = { from: '12:00', to: '13:30' };
    expect(isQuietAt(lunch, at('2026-11-24T11:15:00Z'), BERLIN)).toBe(true); // 12:15
    expect(isQuietAt(lunch, at('2026-11-24T12:30:00Z'), BERLIN)).toBe(false); // 13:30
    expect(isQuietAt(lunch, at('2026-11-24T21:30:00Z'), BERLIN)).toBe(false);
    expect(endIn(lunch, '2026-11-24T11:15:00Z', BERLIN)).toBe('2026-11-24 13:30 GMT+1');
    expect(isQuietAt(null, at('2026-11-24T23:00:00Z'), BERLIN)).toBe(false);
    expect(isQuietAt({ from: '07:00', to: '07:00' }, at('2026-11-24T06:00:00Z'), BERLIN)).toBe(false);
    expect(isQuietAt({ from: '7 pm', to: '07:00' }, at('2026-11-24T23:00:00Z'), BERLIN)).toBe(false);
    expect(quietHoursEnd(NIGHT, at('2026-11-24T12:00:00Z'), BERLIN)).toBeUndefined();
  });

  it('follows the wall clock on the night clocks go forward (Berlin, New York)', () => {
    // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST. 22:00–07:00 is an hour shorter.
    expect(endIn(NIGHT, '2026-03-28T21:00:00Z', BERLIN)).toBe('2026-03-29 07:00 GMT+2');
    expect(quietHoursEnd(NIGHT, at('2026-03-28T21:00:00Z'), BERLIN)! - at('2026-03-28T21:00:00Z')).toBe(8 * HOUR);
    // An end inside the skipped hour (02:30) ends quiet hours when the clock jumps to 03:00.
    const early = { from: '01:00', to: '02:30' };
    expect(endIn(early, '2026-03-29T00:30:00Z', BERLIN)).toBe('2026-03-29 03:00 GMT+2');
    expect(isQuietAt(early, at('2026-03-29T01:00:00Z'), BERLIN)).toBe(false); // 03:00 CEST
    // New York, 8 March 2026.
    expect(endIn(NIGHT, '2026-03-08T03:00:00Z', NEW_YORK)).toBe('2026-03-08 07:00 GMT-4');
  });

  it('follows the wall clock on the night clocks go back: the repeated half hour is quiet both times', () => {
    // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET. 22:00–07:00 is an hour longer.
    expect(endIn(NIGHT, '2026-10-24T20:00:00Z', BERLIN)).toBe('2026-10-25 07:00 GMT+1');
    expect(quietHoursEnd(NIGHT, at('2026-10-24T20:00:00Z'), BERLIN)! - at('2026-10-24T20:00:00Z')).toBe(10 * HOUR);
    const early = { from: '00:00', to: '02:30' };
    // First pass: 01:00 CEST; quiet hours end at 02:30 CEST …
    expect(endIn(early, '2026-10-24T23:00:00Z', BERLIN)).toBe('2026-10-25 02:30 GMT+2');
    // … and 02:10 CET (the second 02:10 that night) is quiet again, until 02:30 CET.
    expect(isQuietAt(early, at('2026-10-25T01:10:00Z'), BERLIN)).toBe(true);
    expect(endIn(early, '2026-10-25T01:10:00Z', BERLIN)).toBe('2026-10-25 02:30 GMT+1');
  });

  it('words the summary once, for one or many conversations', () => {
    expect(quietHoursSummary([{ kind: 'fired', sessionTitle: 'Inbox' }])).toEqual({
      title: '1 recall ran during quiet hours',
      text: 'In Inbox.',
    });
    expect(
      quietHoursSummary([
        { kind: 'fired', sessionTitle: 'Deploy watch' },
        { kind: 'failed', sessionTitle: 'Inbox' },
        { kind: 'fired', sessionTitle: 'Deploy watch' },
      ]),
    ).toEqual({ title: '3 recalls ran during quiet hours', text: 'In Deploy watch and Inbox. 1 failed.' });
    const many = ['A', 'B', 'C', 'D', 'E'].map((sessionTitle) => ({ kind: 'fired' as const, sessionTitle }));
    expect(quietHoursSummary(many).text).toBe('In A, B, C and 2 more conversations.');
  });
});

const tempDir = useTempDirs();
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
});

/** The real scheduler and stores on a real SQLite file, with the gate the core builds, on a manual clock. */
function quietWorld(startIso: string, window: { current: QuietHours | null }) {
  const clock = new ManualClock(at(startIso));
  const shown: { at: string; notification: RecallNotification }[] = [];
  const notifier = {
    notify: (notification: RecallNotification) => shown.push({ at: localStamp(clock.now(), BERLIN), notification }),
  };
  const gate = new QuietHoursGate({
    clock,
    logger: quietLogger,
    quietHours: () => window.current,
    timeZone: () => BERLIN,
    notifier,
    // Called only once the harness below exists.
    publish: (event) => harness.bus.publish(event),
  });
  const harness: RecallHarness = createRecallHarness(
    join(tempDir(), 'navi.db'),
    new CountingAgent('Deploy finished.'),
    {
      clock,
      notifier,
      quietHours: gate,
      timeZone: () => BERLIN,
    },
  );
  open.push({ close: async () => (gate.dispose(), await harness.close()) });
  const deploy = harness.sessions.createSession('Deploy watch').id;
  const inbox = harness.sessions.createSession('Inbox').id;
  const once = (sessionId: string, iso: string, message: string) =>
    harness.scheduler.create({ sessionId, schedule: { kind: 'once', at: at(iso) }, message, createdBy: 'user' });
  const pass = async (ms: number) => {
    for (let left = ms; left > 0; left -= MINUTE) {
      clock.advance(Math.min(MINUTE, left));
      await settle(3);
    }
  };
  const fired = () =>
    harness.appEvents.filter(
      (event): event is Extract<AppEvent, { type: 'recall-fired' }> => event.type === 'recall-fired',
    );
  const summaries = () => harness.appEvents.filter((event) => event.type === 'quiet-hours-ended');
  return { clock, harness, gate, shown, deploy, inbox, once, pass, fired, summaries };
}

describe('quiet hours hold recall notifications (real scheduler, SQLite, manual clock)', () => {
  it('runs recalls in the night without a notification, then sums them up once at 07:00', async () => {
    // 21:00 in Berlin.
    const w = quietWorld('2026-11-24T20:00:00Z', { current: NIGHT });
    w.once(w.deploy, '2026-11-24T21:30:00Z', 'Check the deploy'); // 22:30
    w.once(w.inbox, '2026-11-25T00:00:00Z', 'Read the inbox'); // 01:00
    w.once(w.deploy, '2026-11-25T02:00:00Z', 'Check the deploy again'); // 03:00
    w.once(w.inbox, '2026-11-25T08:00:00Z', 'Morning summary'); // 09:00

    await w.pass(10 * HOUR - MINUTE); // to 06:59
    // They ran, and windows heard it (unread marks, lists) marked as held; nothing was shown.
    expect(w.harness.scheduler.history().map((run) => run.outcome)).toEqual(['success', 'success', 'success']);
    expect(w.fired().map((event) => event.held)).toEqual([true, true, true]);
    expect(w.shown).toEqual([]);
    expect(w.gate.heldCount).toBe(3);

    await w.pass(MINUTE); // 07:00
    expect(w.shown).toEqual([
      {
        at: '2026-11-25 07:00 GMT+1',
        notification: {
          kind: 'summary',
          recallId: null,
          sessionId: null,
          sessionTitle: 'Navi',
          title: '3 recalls ran during quiet hours',
          text: 'In Deploy watch and Inbox.',
        },
      },
    ]);
    expect(w.summaries()).toEqual([
      {
        type: 'quiet-hours-ended',
        title: '3 recalls ran during quiet hours',
        text: 'In Deploy watch and Inbox.',
        count: 3,
        sessionId: null,
      },
    ]);

    // By day a recall notifies as it always did.
    await w.pass(2 * HOUR + MINUTE);
    expect(w.shown.map((entry) => entry.notification.title)).toEqual([
      '3 recalls ran during quiet hours',
      'Recall · Inbox',
    ]);
    expect(w.fired().at(-1)?.held).toBe(false);
    expect(w.summaries()).toHaveLength(1);
  });

  it('ends at 07:00 on the night clocks go back (an hour longer), with the conversation to open', async () => {
    // 21:00 CEST on 24 October; at 03:00 CEST the clock goes back to 02:00 CET.
    const w = quietWorld('2026-10-24T19:00:00Z', { current: NIGHT });
    w.once(w.deploy, '2026-10-25T00:30:00Z', 'Check the deploy'); // 02:30 CEST
    await w.pass(11 * HOUR - MINUTE); // 06:59 CET: ten wall-clock hours, eleven real ones
    expect(w.fired().map((event) => event.held)).toEqual([true]);
    expect(w.shown).toEqual([]);
    await w.pass(MINUTE);
    expect(w.shown.map((entry) => [entry.at, entry.notification.title, entry.notification.sessionId])).toEqual([
      ['2026-10-25 07:00 GMT+1', '1 recall ran during quiet hours', w.deploy],
    ]);
  });

  it('shows nothing at the end when nothing was held, and sums up soon after quiet hours are turned off', async () => {
    const window: { current: QuietHours | null } = { current: NIGHT };
    const w = quietWorld('2026-11-24T20:00:00Z', window);
    await w.pass(11 * HOUR); // through the night, no recall
    expect(w.shown).toEqual([]);
    expect(w.summaries()).toEqual([]);

    // The next night: one held, then the person turns quiet hours off at 23:00.
    w.once(w.inbox, '2026-11-25T21:30:00Z', 'Read the inbox'); // 22:30
    await w.pass(15 * HOUR); // to 23:00
    expect(w.fired().map((event) => event.held)).toEqual([true]);
    window.current = null;
    await w.pass(MINUTE);
    expect(w.shown.map((entry) => [entry.at, entry.notification.title])).toEqual([
      ['2026-11-25 23:01 GMT+1', '1 recall ran during quiet hours'],
    ]);
  });
});

describe('notifications held in quiet hours survive a quit (real SQLite file)', () => {
  it('sums up after the next start what a Navi that quit at night held, once, and keeps the list bounded', async () => {
    const file = join(tempDir(), 'navi.db');
    const clock = new ManualClock(at('2026-11-24T23:00:00Z')); // midnight in Berlin
    const shown: RecallNotification[] = [];
    const events: AppEvent[] = [];
    const gateOn = (database: OpenedDatabase) =>
      new QuietHoursGate({
        clock,
        logger: quietLogger,
        quietHours: () => NIGHT,
        timeZone: () => BERLIN,
        notifier: { notify: (notification) => shown.push(notification) },
        publish: (event) => events.push(event),
        store: new AppMetaHeldNotices(database.db, quietLogger),
      });

    const night = openDatabase(file);
    const first = gateOn(night);
    expect(
      first.hold({
        kind: 'fired',
        sessionTitle: 'Deploy watch',
        sessionId: 's1',
        title: 't',
        text: 'x',
        recallId: 'r1',
      }),
    ).toBe(true);
    expect(
      first.hold({ kind: 'failed', sessionTitle: 'Inbox', sessionId: 's2', title: 't', text: 'x', recallId: 'r2' }),
    ).toBe(true);
    first.dispose();
    night.close();

    // Started again at 08:00: the summary comes once, and nothing is held any more.
    clock.jump(8 * HOUR);
    const morning = openDatabase(file);
    const second = gateOn(morning);
    open.push({ close: async () => (second.dispose(), morning.close()) });
    expect(second.heldCount).toBe(2);
    clock.advance(0);
    expect(shown.map((notification) => [notification.kind, notification.title, notification.text])).toEqual([
      ['summary', '2 recalls ran during quiet hours', 'In Deploy watch and Inbox. 1 failed.'],
    ]);
    expect(events).toMatchObject([{ type: 'quiet-hours-ended', count: 2 }]);
    expect(new AppMetaHeldNotices(morning.db, quietLogger).load()).toEqual([]);

    // Bounded: the newest MAX_HELD_NOTICES are kept; a damaged row reads as nothing held.
    const store = new AppMetaHeldNotices(morning.db, quietLogger);
    const many = Array.from({ length: MAX_HELD_NOTICES + 5 }, (_, index) => ({
      kind: 'fired' as const,
      sessionTitle: `C${index}`,
      sessionId: `s${index}`,
    }));
    store.save(many);
    expect(store.load()).toHaveLength(MAX_HELD_NOTICES);
    expect(store.load()[0]!.sessionTitle).toBe('C5');
    morning.db.prepare("UPDATE app_meta SET value = '{not json' WHERE key = 'quiet_hours_held'").run();
    expect(store.load()).toEqual([]);
  });
});
