import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentError } from '../../../src/core/agent/types';
import { messageText } from '../../../src/shared/contract';
import { ControlledAgent, settle } from '../../helpers/controlledAgent';
import { CountingAgent, createRecallHarness, type RecallHarness } from '../../helpers/recalls';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const open: RecallHarness[] = [];
afterEach(async () => {
  for (const harness of open.splice(0)) await harness.close();
});

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function setup(
  agent: ConstructorParameters<typeof Object>[0] = new CountingAgent(),
  options: Parameters<typeof createRecallHarness>[2] = {},
) {
  const harness = createRecallHarness(join(tempDir(), 'navi.db'), agent as CountingAgent, options);
  open.push(harness);
  const session = harness.sessions.createSession('Deploy watch');
  /** Moves time on and lets runs started by the scheduler finish. */
  const advance = async (ms: number, step = 30 * SECOND) => {
    for (let left = ms; left > 0; left -= step) {
      harness.clock.advance(Math.min(step, left));
      await settle(4);
    }
  };
  return { ...harness, agent: agent as CountingAgent, session, advance };
}

describe('recall scheduler', () => {
  it('fires a one-time recall once, in its session, marked as a recall, and notifies', async () => {
    const { scheduler, session, agent, advance, clock, notifications, sessions, appEvents } = setup();
    const recall = scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() + 2 * MINUTE },
      message: 'Check whether the deploy finished',
      createdBy: 'agent',
    });
    await advance(MINUTE);
    expect(agent.runs).toHaveLength(0);
    await advance(2 * MINUTE);
    await advance(HOUR);
    expect(agent.runs).toEqual([
      { sessionId: session.id, origin: 'recall', prompt: 'Check whether the deploy finished' },
    ]);
    expect(scheduler.list()[0]).toMatchObject({
      id: recall.id,
      status: 'done',
      lastOutcome: 'success',
      nextRunAt: null,
    });
    expect(notifications).toEqual([
      {
        kind: 'fired',
        recallId: recall.id,
        sessionId: session.id,
        sessionTitle: 'Deploy watch',
        title: 'Recall · Deploy watch',
        text: 'Checked: all good.\nDetails follow.',
        // Done: nothing left to snooze, so a notification offers no Snooze button.
        snoozable: false,
      },
    ]);
    const messages = sessions.allMessages(session.id);
    expect(messages.map((m) => [m.role, m.origin])).toEqual([
      ['user', 'recall'],
      ['assistant', 'recall'],
    ]);
    expect(scheduler.history({ recallId: recall.id }).map((r) => r.outcome)).toEqual(['success']);
    expect(appEvents.some((e) => e.type === 'recall-fired' && e.recallId === recall.id)).toBe(true);
  });

  it('reschedules interval recalls on their anchored slots', async () => {
    const { scheduler, session, agent, advance, clock } = setup();
    const start = clock.now();
    scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'interval', everySeconds: 600 },
      message: 'Poll',
      createdBy: 'user',
    });
    await advance(35 * MINUTE);
    expect(agent.runs).toHaveLength(3);
    expect(scheduler.list()[0]!.nextRunAt).toBe(start + 40 * MINUTE);
    expect(scheduler.list()[0]!.status).toBe('pending');
  });

  it('reschedules cron recalls in their time zone', async () => {
    const { scheduler, session, agent, advance } = setup();
    // 12:00Z is 13:00 in Berlin; "every day at 14:30" Berlin time is 13:30Z.
    scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'cron', expression: '30 14 * * *', timeZone: 'Europe/Berlin' },
      message: 'Daily summary',
      createdBy: 'user',
    });
    expect(new Date(scheduler.list()[0]!.nextRunAt!).toISOString()).toBe('2026-11-24T13:30:00.000Z');
    await advance(26 * HOUR, 10 * MINUTE);
    expect(agent.runs).toHaveLength(2);
    expect(new Date(scheduler.list()[0]!.nextRunAt!).toISOString()).toBe('2026-11-26T13:30:00.000Z');
  });

  it('defers while a user run is active in the session, and never drops the recall', async () => {
    const agent = new ControlledAgent();
    const { scheduler, session, orchestrator, clock, advance, recallStore } = setup(agent);
    orchestrator.startRun(session.id, 'A long user question');
    await settle();
    const recall = scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() + SECOND },
      message: 'Later',
      createdBy: 'user',
    });
    await advance(2 * SECOND, SECOND);
    expect(agent.runs).toHaveLength(1);
    expect(recallStore.get(recall.id)).toMatchObject({
      status: 'pending',
      nextRunAt: clock.now() - SECOND + 60 * SECOND,
    });
    await advance(60 * SECOND);
    expect(agent.runs).toHaveLength(1); // still busy: deferred again
    agent.last.complete();
    await advance(61 * SECOND);
    expect(agent.runs).toHaveLength(2);
    expect(agent.last.request.origin).toBe('recall');
    agent.last.complete();
    await advance(SECOND);
    expect(scheduler.history({ recallId: recall.id }).map((r) => r.outcome)).toEqual([
      'success',
      'deferred',
      'deferred',
    ]);
  });

  it('retries a failed run with backoff, then gives up: failed (once) or next slot (recurring)', async () => {
    const agent = new CountingAgent();
    agent.fail = new AgentError('provider', 'The provider is unavailable (503).');
    const { scheduler, session, advance, clock, notifications } = setup(agent, { retryBaseMs: 10 * SECOND });
    const once = scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() },
      message: 'x',
      createdBy: 'user',
    });
    await advance(SECOND, SECOND);
    expect(scheduler.list()[0]).toMatchObject({ status: 'pending', attempts: 1 });
    await advance(10 * SECOND, SECOND); // second try after 10 s
    expect(agent.runs).toHaveLength(2);
    await advance(40 * SECOND, SECOND); // third try after 40 s
    expect(agent.runs).toHaveLength(3);
    expect(scheduler.list()[0]).toMatchObject({ id: once.id, status: 'failed', lastOutcome: 'failed' });
    expect(scheduler.list()[0]!.lastError).toMatch(/unavailable \(503\).*gave up after 3 tries/);
    expect(notifications.at(-1)).toMatchObject({ kind: 'failed', recallId: once.id });
  });

  it('counts a run that hit max iterations as fired', async () => {
    const agent = new CountingAgent();
    agent.fail = new AgentError('max_iterations', 'Stopped after 10 steps (max iterations).');
    const { scheduler, session, advance, clock, notifications } = setup(agent);
    scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() },
      message: 'x',
      createdBy: 'user',
    });
    await advance(HOUR);
    expect(agent.runs).toHaveLength(1);
    expect(scheduler.list()[0]).toMatchObject({ status: 'done', lastOutcome: 'max_iterations' });
    expect(notifications[0]!.kind).toBe('fired');
  });

  it('follows the wall clock when it jumps forward and back', async () => {
    const { scheduler, session, agent, clock, advance } = setup();
    scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() + HOUR },
      message: 'jump',
      createdBy: 'user',
    });
    // The clock is set back two hours: the recall is due later by the wall clock, not earlier.
    clock.jump(-2 * HOUR);
    await advance(2 * HOUR + 50 * MINUTE, 30 * SECOND);
    expect(agent.runs).toHaveLength(0);
    // Set forward past the due time: the next capped wake-up (<= 30 s) fires it.
    clock.jump(20 * MINUTE);
    expect(agent.runs).toHaveLength(0);
    await advance(30 * SECOND, 30 * SECOND);
    expect(agent.runs).toHaveLength(1);
  });

  it('re-checks at once on resume from sleep', async () => {
    const { scheduler, session, agent, clock, power } = setup();
    scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() + 10 * MINUTE },
      message: 'after sleep',
      createdBy: 'user',
    });
    power.suspend.fire();
    // Asleep for 20 minutes: timers do not run meanwhile; waking re-checks at once.
    clock.jump(20 * MINUTE);
    await settle(4);
    expect(agent.runs).toHaveLength(0);
    power.resume.fire();
    await settle(4);
    expect(agent.runs).toHaveLength(1);
  });

  it('catches up once after missed runs, collapsing many slots into one, and says so in the conversation', async () => {
    const file = join(tempDir(), 'navi.db');
    const first = createRecallHarness(file, new CountingAgent());
    const session = first.sessions.createSession();
    first.scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'interval', everySeconds: 600 },
      message: 'Poll',
      createdBy: 'user',
    });
    const closedAt = first.clock.now();
    await first.close();

    // Navi was closed for three hours: 18 slots were due.
    const agent = new CountingAgent();
    const { ManualClock } = await import('../../helpers/manualClock');
    const second = createRecallHarness(file, agent, { clock: new ManualClock(closedAt + 3 * HOUR + 5 * SECOND) });
    open.push(second);
    await settle(6);
    expect(agent.runs).toHaveLength(1);
    const note = second.sessions.allMessages(session.id).find((m) => messageText(m).includes('closed or asleep'));
    expect(messageText(note!)).toMatch(/18 runs were due since .*Running it once now/);
    expect(second.scheduler.list()[0]!.nextRunAt).toBeGreaterThan(second.clock.now());
    expect(second.scheduler.history().map((r) => r.outcome)).toEqual(['success', 'missed']);
  });

  it('skips missed runs under the skip policy and says so', async () => {
    const file = join(tempDir(), 'navi.db');
    const first = createRecallHarness(file, new CountingAgent());
    const session = first.sessions.createSession();
    const recall = first.scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: first.clock.now() + MINUTE },
      message: 'Only if on time',
      missedPolicy: 'skip',
      createdBy: 'user',
    });
    const closedAt = first.clock.now();
    await first.close();

    const agent = new CountingAgent();
    const { ManualClock } = await import('../../helpers/manualClock');
    const second = createRecallHarness(file, agent, { clock: new ManualClock(closedAt + HOUR) });
    open.push(second);
    await settle(6);
    expect(agent.runs).toHaveLength(0);
    expect(second.recallStore.get(recall.id)).toMatchObject({ status: 'done', lastOutcome: 'skipped' });
    expect(second.sessions.allMessages(session.id).map(messageText).join('\n')).toMatch(
      /“Only if on time” was due at .* while Navi was closed or asleep, so it was skipped/,
    );
  });

  it("cancels a session's recalls at once when the session is deleted", async () => {
    const { scheduler, session, agent, orchestrator, clock, advance, recallStore } = setup();
    const recall = scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() + MINUTE },
      message: 'x',
      createdBy: 'user',
    });
    orchestrator.deleteSession(session.id);
    expect(recallStore.get(recall.id)).toBeUndefined();
    expect(scheduler.list()).toEqual([]);
    await advance(HOUR);
    expect(agent.runs).toHaveLength(0);
  });

  it('pauses, resumes, runs now and deletes', async () => {
    const { scheduler, session, agent, clock, advance } = setup();
    const recall = scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'interval', everySeconds: 3600 },
      message: 'x',
      createdBy: 'user',
    });
    expect(scheduler.pause(recall.id)).toMatchObject({ status: 'paused', nextRunAt: null });
    await advance(2 * HOUR, 10 * MINUTE);
    expect(agent.runs).toHaveLength(0);
    expect(scheduler.resume(recall.id).nextRunAt).toBeGreaterThan(clock.now());
    scheduler.runNow(recall.id);
    await settle(4);
    expect(agent.runs).toHaveLength(1);
    expect(() => scheduler.resume(recall.id)).toThrow(/Only a paused recall/);
    expect(scheduler.delete(recall.id)).toBe(true);
    expect(scheduler.list()).toEqual([]);
  });

  it('refuses bad input with a clear error and stores nothing', () => {
    const { scheduler, session, clock, recallStore } = setup();
    const attempt = (schedule: Parameters<typeof scheduler.create>[0]['schedule']) => () =>
      scheduler.create({ sessionId: session.id, schedule, message: 'x', createdBy: 'agent' });
    expect(attempt({ kind: 'cron', expression: '61 * * * *', timeZone: 'UTC' })).toThrow(
      "Not a valid expression: '61' is not a valid minute (0-59).",
    );
    expect(attempt({ kind: 'cron', expression: 'every day', timeZone: 'UTC' })).toThrow(
      /^Not a valid expression: it needs 5 fields \(minute, hour, day of month, month, day of week\).*not 2\.$/,
    );
    // One that can never fire says so.
    expect(attempt({ kind: 'cron', expression: '0 0 31 2 *', timeZone: 'UTC' })).toThrow(
      'Not a valid expression: it can never run, because February never has a day 31.',
    );
    expect(attempt({ kind: 'cron', expression: '0 9 * * *', timeZone: 'Mars/Olympus' })).toThrow(
      /Unknown time zone 'Mars\/Olympus'/,
    );
    expect(attempt({ kind: 'once', at: clock.now() - HOUR })).toThrow(/has already passed/);
    expect(() =>
      scheduler.create({
        sessionId: 'nope',
        schedule: { kind: 'once', at: clock.now() + HOUR },
        message: 'x',
        createdBy: 'user',
      }),
    ).toThrow(/does not exist/);
    expect(recallStore.list()).toEqual([]);
  });

  it('limits recalls per session with a clear error', () => {
    const { scheduler, session, clock } = setup(new CountingAgent(), { perSessionLimit: 2 });
    const create = () =>
      scheduler.create({
        sessionId: session.id,
        schedule: { kind: 'once', at: clock.now() + HOUR },
        message: 'x',
        createdBy: 'agent',
      });
    create();
    create();
    expect(create).toThrow(/already has 2 active recalls/);
  });
});
