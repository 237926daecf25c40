import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../../src/core/agent/types';
import { messageText, type RecallSchedule } from '../../../src/shared/contract';
import { ControlledAgent, settle } from '../../helpers/controlledAgent';
import { localStamp } from '../../helpers/localStamp';
import { ManualClock } from '../../helpers/manualClock';
import { CountingAgent, createRecallHarness, type RecallHarness } from '../../helpers/recalls';
import { useTempDirs } from '../../helpers/tempDir';

/**
 * The time-correctness scenarios of docs/recalls.md: each drives the real scheduler, orchestrator and
 * SQLite file with a manual clock (no real time passes, no sleeps) and checks the invariants: no
 * duplicate run, no silent drop (every slot ran, or a note says why not), and a run after a wake or
 * a start at most 30 s late.
 */

const tempDir = useTempDirs();
const open: RecallHarness[] = [];
afterEach(async () => {
  for (const harness of open.splice(0)) await harness.close();
});

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Firing {
  readonly at: number;
  readonly prompt: string;
}

/** Records when each run started (on the manual clock), then answers like CountingAgent. */
function recordingAgent(clock: () => number, firings: Firing[], inner: Agent = new CountingAgent()): Agent {
  return {
    run: (request) => {
      const prompt = request.history.at(-1);
      firings.push({ at: clock(), prompt: prompt ? messageText(prompt) : '' });
      return inner.run(request);
    },
  };
}

interface World {
  readonly harness: RecallHarness;
  readonly clock: ManualClock;
  readonly firings: Firing[];
  readonly sessionId: string;
  readonly file: string;
  /** The person's zone; a test may move the machine to another one. */
  zone: string;
  create(schedule: RecallSchedule, message?: string, extra?: Record<string, unknown>): string;
  /** Moves time on in steps, letting runs finish between them. */
  pass(ms: number, step?: number): Promise<void>;
  notes(): string[];
}

function world(
  options: { start: string; zone?: string; file?: string; inner?: Agent; sessionId?: string } = {
    start: '2026-11-24T12:00:00Z',
  },
): World {
  const clock = new ManualClock(Date.parse(options.start));
  const firings: Firing[] = [];
  const file = options.file ?? join(tempDir(), 'navi.db');
  const state = { zone: options.zone ?? 'UTC' };
  const harness = createRecallHarness(
    file,
    recordingAgent(() => clock.now(), firings, options.inner),
    {
      clock,
      timeZone: () => state.zone,
    },
  );
  open.push(harness);
  const sessionId = options.sessionId ?? harness.sessions.createSession('Scenario').id;
  const result: World = {
    harness,
    clock,
    firings,
    sessionId,
    file,
    get zone() {
      return state.zone;
    },
    set zone(zone: string) {
      state.zone = zone;
    },
    create: (schedule, message = 'tick', extra = {}) =>
      harness.scheduler.create({ sessionId, schedule, message, createdBy: 'user', ...extra }).id,
    pass: async (ms, step = MINUTE) => {
      for (let left = ms; left > 0; left -= step) {
        clock.advance(Math.min(step, left));
        await settle(3);
      }
    },
    notes: () =>
      harness.sessions
        .allMessages(sessionId)
        .filter((message) => message.role === 'system')
        .map((message) => messageText(message)),
  };
  return result;
}

function noDuplicates(firings: readonly Firing[]): void {
  const keys = firings.map((firing) => `${firing.prompt}@${firing.at}`);
  expect(new Set(keys).size).toBe(keys.length);
}

async function dailyAcrossTransition(zone: string, expression: string, fromIso: string): Promise<string[]> {
  const w = world({ start: fromIso, zone });
  w.create({ kind: 'cron', expression, timeZone: zone });
  await w.pass(2 * DAY + 12 * HOUR);
  noDuplicates(w.firings);
  return w.firings.map((firing) => localStamp(firing.at, zone));
}

describe('recall time scenarios (docs/recalls.md)', () => {
  it('S01 DST gap, Europe/Berlin: 02:30 daily fires once at 03:00 on the night clocks skip 02:00-03:00', async () => {
    expect(await dailyAcrossTransition('Europe/Berlin', '30 2 * * *', '2027-03-27T12:00:00Z')).toEqual([
      '2027-03-28 03:00 GMT+2',
      '2027-03-29 02:30 GMT+2',
    ]);
  });

  it('S02 DST overlap, Europe/Berlin: 02:30 daily fires once on the night 02:00-03:00 repeats', async () => {
    // Once, not twice (node-cron takes the second 02:30 in zones east of UTC).
    expect(await dailyAcrossTransition('Europe/Berlin', '30 2 * * *', '2026-10-24T12:00:00Z')).toEqual([
      '2026-10-25 02:30 GMT+1',
      '2026-10-26 02:30 GMT+1',
    ]);
  });

  it('S26 DST overlap, Europe/Berlin: a half-hourly cron runs each wall time once, the repeated hour on its second pass', async () => {
    const zone = 'Europe/Berlin';
    // 01:00 CEST on the night 03:00 CEST becomes 02:00 CET.
    const w = world({ start: '2026-10-24T23:00:00Z', zone });
    w.create({ kind: 'cron', expression: '*/30 * * * *', timeZone: zone });
    await w.pass(4 * HOUR);
    noDuplicates(w.firings);
    // 02:00 and 02:30 CEST (the first pass) do not run: an hour and a half passes after 01:30.
    expect(w.firings.map((firing) => localStamp(firing.at, zone))).toEqual([
      '2026-10-25 01:30 GMT+2',
      '2026-10-25 02:00 GMT+1',
      '2026-10-25 02:30 GMT+1',
      '2026-10-25 03:00 GMT+1',
      '2026-10-25 03:30 GMT+1',
      '2026-10-25 04:00 GMT+1',
    ]);
    expect(w.notes()).toEqual([]);
  });

  it('S03 DST gap, America/New_York: 02:30 daily fires once at 03:00', async () => {
    expect(await dailyAcrossTransition('America/New_York', '30 2 * * *', '2027-03-13T12:00:00Z')).toEqual([
      '2027-03-14 03:00 GMT-4',
      '2027-03-15 02:30 GMT-4',
    ]);
  });

  it('S04 DST overlap, America/New_York: 01:30 daily fires once', async () => {
    expect(await dailyAcrossTransition('America/New_York', '30 1 * * *', '2026-10-31T12:00:00Z')).toEqual([
      '2026-11-01 01:30 GMT-4',
      '2026-11-02 01:30 GMT-5',
    ]);
  });

  it('S05 DST gap, Australia/Sydney: 02:30 daily fires once at 03:00', async () => {
    expect(await dailyAcrossTransition('Australia/Sydney', '30 2 * * *', '2026-10-03T00:00:00Z')).toEqual([
      '2026-10-04 03:00 GMT+11',
      '2026-10-05 02:30 GMT+11',
    ]);
  });

  it('S06 DST overlap, Australia/Sydney: 02:30 daily fires once', async () => {
    expect(await dailyAcrossTransition('Australia/Sydney', '30 2 * * *', '2026-04-04T00:00:00Z')).toEqual([
      '2026-04-05 02:30 GMT+10',
      '2026-04-06 02:30 GMT+10',
    ]);
  });

  it('S07 "every 2 days at 9" keeps 9:00 local across a DST change (whole local days)', async () => {
    const w = world({ start: '2026-10-22T12:00:00Z', zone: 'Europe/Berlin' });
    w.harness.scheduler.create({
      sessionId: w.sessionId,
      when: { text: 'every 2 days at 9', timeZone: 'Europe/Berlin' },
      message: 'tick',
      createdBy: 'user',
    });
    await w.pass(7 * DAY, 5 * MINUTE);
    expect(w.firings.map((firing) => localStamp(firing.at, 'Europe/Berlin'))).toEqual([
      '2026-10-23 09:00 GMT+2',
      '2026-10-25 09:00 GMT+1',
      '2026-10-27 09:00 GMT+1',
      '2026-10-29 09:00 GMT+1',
    ]);
  });

  it('S08 the system clock jumps forward an hour: one catch-up run within 30 s, with a note naming the missed runs', async () => {
    const w = world();
    w.create({ kind: 'interval', everySeconds: 15 * 60 });
    await w.pass(20 * MINUTE);
    expect(w.firings).toHaveLength(1);
    const jumpedAt = w.clock.now();
    w.clock.jump(HOUR);
    await w.pass(30 * SECOND, 5 * SECOND);
    expect(w.firings).toHaveLength(2);
    expect(w.firings[1]!.at - (jumpedAt + HOUR)).toBeLessThanOrEqual(30 * SECOND);
    expect(w.notes().at(-1)).toMatch(/4 runs were due since then\)\. Running it once now/);
    noDuplicates(w.firings);
  });

  it('S09 the system clock jumps back an hour: nothing runs twice, the next slot comes at its wall time', async () => {
    const w = world();
    w.create({ kind: 'interval', everySeconds: HOUR / SECOND });
    await w.pass(HOUR + MINUTE);
    expect(w.firings).toHaveLength(1);
    w.clock.jump(-HOUR);
    await w.pass(HOUR + 30 * MINUTE);
    // The wall clock was set back, so the 2nd slot (13:00 + 1 h) is reached 2 h after the first run.
    expect(w.firings).toHaveLength(1);
    await w.pass(40 * MINUTE);
    expect(w.firings).toHaveLength(2);
    expect(w.firings[1]!.at - w.firings[0]!.at).toBe(HOUR);
    noDuplicates(w.firings);
  });

  it('S10 an 8 h sleep: on wake one catch-up run at once, and the note says 8 runs were due', async () => {
    const w = world();
    w.create({ kind: 'interval', everySeconds: HOUR / SECOND });
    w.harness.power.suspend.fire();
    w.clock.jump(8 * HOUR + 10 * MINUTE);
    w.harness.power.resume.fire();
    await settle(5);
    expect(w.firings).toHaveLength(1);
    expect(w.firings[0]!.at).toBe(w.clock.now());
    expect(w.notes()[0]).toMatch(/\(8 runs were due since then\)\. Running it once now/);
    await w.pass(50 * MINUTE);
    expect(w.firings).toHaveLength(2);
  });

  it('S11 an 8 h sleep under "skip": no run, a note says it was skipped and when it runs next', async () => {
    const w = world();
    w.create({ kind: 'interval', everySeconds: HOUR / SECOND }, 'tick', { missedPolicy: 'skip' });
    w.harness.power.suspend.fire();
    w.clock.jump(8 * HOUR + 10 * MINUTE);
    w.harness.power.resume.fire();
    await settle(5);
    expect(w.firings).toHaveLength(0);
    expect(w.notes()[0]).toMatch(/8 runs were due since then\) while Navi was closed or asleep, so it was skipped/);
    expect(w.harness.scheduler.history()[0]).toMatchObject({ outcome: 'skipped' });
  });

  it('S12 Navi closed across 100 slots of an interval recall: one run on start, a note naming 100', async () => {
    const first = world();
    first.create({ kind: 'interval', everySeconds: 5 * 60 });
    const file = first.file;
    const sessionId = first.sessionId;
    await open.splice(open.indexOf(first.harness), 1)[0]!.close();
    const later = new Date(first.clock.now() + 100 * 5 * MINUTE + 2 * MINUTE).toISOString();
    const w = world({ start: later, file, sessionId });
    await w.pass(10 * SECOND, 5 * SECOND);
    expect(w.firings).toHaveLength(1);
    expect(w.notes()[0]).toMatch(/\(100 runs were due since then\)/);
    await w.pass(3 * MINUTE);
    expect(w.firings).toHaveLength(2);
    noDuplicates(w.firings);
  });

  it('S13 month-end cron "0 9 31 * *" runs only in months with a 31st', async () => {
    const w = world({ start: '2027-01-30T00:00:00Z' });
    const id = w.create({ kind: 'cron', expression: '0 9 31 * *', timeZone: 'UTC' });
    const runs: string[] = [];
    for (let index = 0; index < 4; index++) {
      const next = w.harness.recallStore.get(id)!.nextRunAt!;
      runs.push(new Date(next).toISOString().slice(0, 10));
      w.clock.jump(next - w.clock.now() - 10 * SECOND);
      await w.pass(MINUTE, 10 * SECOND);
    }
    expect(runs).toEqual(['2027-01-31', '2027-03-31', '2027-05-31', '2027-07-31']);
    expect(w.firings).toHaveLength(4);
  });

  it('S14 29 February cron runs in the next leap year, at its time', async () => {
    const w = world({ start: '2026-11-24T12:00:00Z' });
    const id = w.create({ kind: 'cron', expression: '0 9 29 2 *', timeZone: 'Europe/Berlin' });
    const next = w.harness.recallStore.get(id)!.nextRunAt!;
    expect(localStamp(next, 'Europe/Berlin')).toBe('2028-02-29 09:00 GMT+1');
    w.clock.jump(next - w.clock.now() - 10 * SECOND);
    await w.pass(MINUTE, 10 * SECOND);
    expect(w.firings.map((firing) => localStamp(firing.at, 'Europe/Berlin'))).toEqual(['2028-02-29 09:00 GMT+1']);
    expect(localStamp(w.harness.recallStore.get(id)!.nextRunAt!, 'Europe/Berlin')).toBe('2032-02-29 09:00 GMT+1');
  });

  it('S15 the machine moves to another time zone: a cron recall keeps its own zone, words follow the person', async () => {
    const w = world({ start: '2026-11-24T06:00:00Z', zone: 'Europe/Berlin' });
    const id = w.create({ kind: 'cron', expression: '0 9 * * *', timeZone: 'Europe/Berlin' });
    w.zone = 'America/New_York';
    await w.pass(3 * HOUR);
    expect(w.firings.map((firing) => localStamp(firing.at, 'Europe/Berlin'))).toEqual(['2026-11-24 09:00 GMT+1']);
    // Shown in the person's new zone (3:00 AM New York is 9:00 Berlin).
    expect(w.harness.scheduler.list()[0]!.scheduleWords).toBe('At 09:00 AM (Europe/Berlin)');
    expect(w.harness.recallStore.get(id)!.nextRunAt).toBe(Date.parse('2026-11-25T08:00:00Z'));
  });

  it('S16 a recall said in one zone fires at that instant in another, and its note is in the new zone', async () => {
    const w = world({ start: '2026-11-24T12:00:00Z', zone: 'Asia/Tokyo' });
    w.harness.scheduler.create({
      sessionId: w.sessionId,
      when: { text: 'tomorrow at 9', timeZone: 'Asia/Tokyo' },
      message: 'Call the Tokyo office',
      createdBy: 'user',
    });
    // The machine (and the person) travel to Berlin; Navi is asleep when it is due.
    w.zone = 'Europe/Berlin';
    w.harness.power.suspend.fire();
    w.clock.jump(Date.parse('2026-11-25T00:10:00Z') - w.clock.now());
    w.harness.power.resume.fire();
    await settle(5);
    expect(w.firings).toHaveLength(1);
    // 9:00 in Tokyo is 1:00 AM in Berlin; the note says so in Berlin's time.
    expect(w.notes()[0]).toMatch(/was due at 1:00\sAM on Wed, Nov 25\. Running it once now, at 1:10\sAM\./);
  });

  it('S17 25 recalls due at the same moment in one conversation run one after another, not a minute apart', async () => {
    const w = world();
    const at = w.clock.now() + MINUTE;
    for (let index = 0; index < 25; index++) w.create({ kind: 'once', at }, `job ${index}`);
    await w.pass(2 * MINUTE, SECOND);
    expect(w.firings).toHaveLength(25);
    expect(new Set(w.firings.map((firing) => firing.prompt)).size).toBe(25);
    // Each starts as soon as the one before it ended (before: one a minute, 25 minutes in all).
    expect(Math.max(...w.firings.map((firing) => firing.at)) - at).toBeLessThanOrEqual(60 * SECOND);
    expect(w.harness.scheduler.history().filter((run) => run.outcome === 'deferred')).toEqual([]);
  });

  it('S18 a recall due while the person’s own reply is being written waits 60 s, then runs', async () => {
    const agent = new ControlledAgent();
    const w = world({ start: '2026-11-24T12:00:00Z', inner: agent });
    w.create({ kind: 'once', at: w.clock.now() + MINUTE });
    w.harness.orchestrator.startRun(w.sessionId, 'a long question');
    await settle(3);
    await w.pass(90 * SECOND, 10 * SECOND);
    expect(w.harness.scheduler.history()[0]).toMatchObject({ outcome: 'deferred' });
    agent.runs[0]!.complete();
    await w.pass(60 * SECOND, 10 * SECOND);
    expect(w.firings.map((firing) => firing.prompt)).toEqual(['a long question', 'tick']);
    agent.runs[1]!.complete();
    await settle(5);
  });

  it('S19 many recalls due at once start one per turn of the event loop, not all in one go', async () => {
    const w = world();
    const at = w.clock.now() + MINUTE;
    const sessions = Array.from({ length: 5 }, (_, index) => w.harness.sessions.createSession(`c${index}`).id);
    for (const sessionId of sessions) {
      w.harness.scheduler.create({ sessionId, schedule: { kind: 'once', at }, message: sessionId, createdBy: 'user' });
    }
    w.clock.jump(MINUTE);
    w.harness.scheduler.tick();
    expect(w.firings.length).toBeLessThanOrEqual(1);
    await w.pass(SECOND, SECOND);
    await settle(5);
    expect(w.firings).toHaveLength(5);
  });

  it("S19b recalls waiting for other conversations' runs, more than one batch, keep no due recall waiting", async () => {
    const agent = new ControlledAgent();
    const w = world({ start: '2026-11-24T12:00:00Z', inner: agent });
    const at = w.clock.now() + MINUTE;
    // Three conversations with 20 recalls due at once each (25 is the most one may have).
    for (let conversation = 0; conversation < 3; conversation++) {
      const sessionId = w.harness.sessions.createSession(`busy ${conversation}`).id;
      for (let index = 0; index < 20; index++) {
        w.harness.scheduler.create({
          sessionId,
          schedule: { kind: 'once', at },
          message: `busy ${conversation}`,
          createdBy: 'user',
        });
      }
    }
    const other = w.harness.sessions.createSession('Other').id;
    w.harness.scheduler.create({
      sessionId: other,
      schedule: { kind: 'once', at: at + 1 },
      message: 'other',
      createdBy: 'user',
    });
    await w.pass(MINUTE + 5 * SECOND, SECOND);
    // One run per busy conversation, the other 57 wait for theirs; the fourth conversation's does not.
    expect(w.firings.map((firing) => firing.prompt)).toEqual(['busy 0', 'busy 1', 'busy 2', 'other']);
    for (const run of agent.runs) run.complete();
    await settle(5);
  });

  it('S20 "end after 3 runs": three runs, then done', async () => {
    const w = world();
    const id = w.create({ kind: 'interval', everySeconds: 10 * 60 }, 'tick', { maxRuns: 3 });
    await w.pass(HOUR);
    expect(w.firings).toHaveLength(3);
    expect(w.harness.recallStore.get(id)).toMatchObject({ status: 'done', runCount: 3, nextRunAt: null });
  });

  it('S21 "until" a date: no run after it', async () => {
    const w = world({ start: '2026-11-24T00:00:00Z' });
    const endsAt = Date.parse('2026-11-26T12:00:00Z');
    const id = w.create({ kind: 'cron', expression: '0 9 * * *', timeZone: 'UTC' }, 'tick', { endsAt });
    await w.pass(4 * DAY, 5 * MINUTE);
    expect(w.firings.map((firing) => new Date(firing.at).toISOString())).toEqual([
      '2026-11-24T09:00:00.000Z',
      '2026-11-25T09:00:00.000Z',
      '2026-11-26T09:00:00.000Z',
    ]);
    expect(w.harness.recallStore.get(id)!.status).toBe('done');
  });

  it('S22 "cancel if I reply": writing in the conversation before it is due cancels it, with a note', async () => {
    const w = world();
    const id = w.create({ kind: 'once', at: w.clock.now() + HOUR }, 'Nudge me about the report', {
      cancelOnReply: true,
    });
    await w.pass(10 * MINUTE);
    w.harness.orchestrator.startRun(w.sessionId, 'Here is the report');
    await settle(5);
    expect(w.harness.recallStore.get(id)).toMatchObject({ status: 'cancelled', nextRunAt: null });
    await w.pass(HOUR);
    expect(w.firings.map((firing) => firing.prompt)).toEqual(['Here is the report']);
    expect(w.notes()[0]).toMatch(/^The recall “Nudge me about the report” was cancelled because you wrote/);
  });

  it('S22b writing cancels only the pending recalls set to cancel on a reply, in that conversation only', async () => {
    const w = world();
    const cancels = w.create({ kind: 'once', at: w.clock.now() + HOUR }, 'Nudge me', { cancelOnReply: true });
    const stays = w.create({ kind: 'once', at: w.clock.now() + HOUR }, 'Stays anyway');
    const paused = w.create({ kind: 'once', at: w.clock.now() + 2 * HOUR }, 'Paused', { cancelOnReply: true });
    w.harness.scheduler.pause(paused);
    const other = w.harness.sessions.createSession('Elsewhere').id;
    const elsewhere = w.harness.scheduler.create({
      sessionId: other,
      schedule: { kind: 'once', at: w.clock.now() + HOUR },
      message: 'Not this one',
      createdBy: 'user',
      cancelOnReply: true,
    }).id;
    await w.pass(10 * MINUTE);
    w.harness.orchestrator.startRun(w.sessionId, 'Here is the report');
    await settle(5);
    const status = (id: string) => w.harness.recallStore.get(id)!.status;
    expect([cancels, stays, paused, elsewhere].map(status)).toEqual(['cancelled', 'pending', 'paused', 'pending']);
    expect(w.harness.recallStore.pendingCancelOnReply(w.sessionId)).toEqual([]);
    expect(w.harness.recallStore.pendingCancelOnReply(other).map((recall) => recall.id)).toEqual([elsewhere]);
  });

  it('S23 snooze puts the next run off; the schedule goes on after it', async () => {
    const w = world();
    const id = w.create({ kind: 'interval', everySeconds: HOUR / SECOND });
    const due = w.harness.recallStore.get(id)!.nextRunAt!;
    w.harness.scheduler.snooze(id, 30);
    await w.pass(HOUR + 20 * MINUTE);
    expect(w.firings).toHaveLength(0);
    await w.pass(20 * MINUTE);
    expect(w.firings.map((firing) => firing.at)).toEqual([due + 30 * MINUTE]);
    expect(w.harness.recallStore.get(id)!.nextRunAt).toBe(due + HOUR);
  });

  it('S24 per-recall notifications: never, and only when the reply asks for attention', async () => {
    const w = world();
    w.create({ kind: 'once', at: w.clock.now() + MINUTE }, 'quiet', { notify: 'never' });
    w.create({ kind: 'once', at: w.clock.now() + MINUTE }, 'calm', { notify: 'attention' });
    await w.pass(3 * MINUTE);
    expect(w.firings).toHaveLength(2);
    // CountingAgent answers "Checked: all good." — nothing asks for attention.
    expect(w.harness.notifications).toEqual([]);
    const loud = world({
      start: '2026-11-24T12:00:00Z',
      inner: new CountingAgent('Disk is at 97%. Should I clean up?'),
    });
    loud.create({ kind: 'once', at: loud.clock.now() + MINUTE }, 'disk', { notify: 'attention' });
    await loud.pass(3 * MINUTE);
    expect(loud.harness.notifications).toMatchObject([
      { kind: 'fired', title: 'Recall · Scenario', text: 'Disk is at 97%. Should I clean up?' },
    ]);
  });

  it('S25 the grace period: 90 s late runs as usual; 3 min late is a missed run with a note', async () => {
    const w = world();
    const sleepFor = async (ms: number) => {
      w.harness.power.suspend.fire();
      w.clock.jump(ms);
      w.harness.power.resume.fire();
      await settle(5);
    };
    w.create({ kind: 'once', at: w.clock.now() + MINUTE }, 'a');
    await sleepFor(MINUTE + 90 * SECOND);
    expect(w.firings.map((firing) => firing.prompt)).toEqual(['a']);
    expect(w.notes()).toEqual([]);
    expect(w.harness.scheduler.history().map((run) => run.outcome)).toEqual(['success']);
    w.create({ kind: 'once', at: w.clock.now() + MINUTE }, 'b');
    await sleepFor(4 * MINUTE);
    expect(w.firings.map((firing) => firing.prompt)).toEqual(['a', 'b']);
    expect(w.notes()).toHaveLength(1);
    expect(w.notes()[0]).toMatch(/^Navi was closed or asleep when the recall “b” was due at /);
  });
});
