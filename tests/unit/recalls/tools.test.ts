import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/db/migrate';
import { migrations } from '../../../src/core/db/migrations';
import { createRecallTools } from '../../../src/core/recalls/recallTools';
import { RecallSchedule } from '../../../src/shared/contract';
import { ToolRegistry } from '../../../src/core/tools/toolRegistry';
import { CountingAgent, createRecallHarness, type RecallHarness } from '../../helpers/recalls';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const open: RecallHarness[] = [];
afterEach(async () => {
  for (const harness of open.splice(0)) await harness.close();
});

function setup() {
  const harness = createRecallHarness(join(tempDir(), 'navi.db'), new CountingAgent());
  open.push(harness);
  const registry = new ToolRegistry();
  for (const tool of createRecallTools({
    scheduler: harness.scheduler,
    now: () => harness.clock.now(),
    timeZone: () => 'Europe/Berlin',
  })) {
    registry.register(tool);
  }
  const session = harness.sessions.createSession();
  const other = harness.sessions.createSession();
  const call = (name: string, input: unknown, sessionId = session.id) =>
    registry.execute(name, input, {
      sessionId,
      signal: new AbortController().signal,
      isRecall: false,
      toolCallId: 't1',
    });
  return { ...harness, registry, session, other, call };
}

describe('recall tools for the agent', () => {
  it("schedules after a delay, at a time, every N seconds and on cron, in the user's zone by default", async () => {
    const { call, scheduler, clock, session } = setup();
    const delay = await call('schedule_recall', { message: 'Check the deploy', in_seconds: 7200 });
    expect(delay.isError).toBe(false);
    expect(delay.output).toMatchObject({
      scheduled: { kind: 'once', next_run: new Date(clock.now() + 7_200_000).toISOString() },
    });
    await call('schedule_recall', { message: 'Standup', at: '2026-11-25T09:00:00+01:00' });
    await call('schedule_recall', { message: 'Poll', every_seconds: 900 });
    const cron = await call('schedule_recall', { message: 'Inbox', cron: '0 9 * * 1-5' });
    expect(cron.output).toMatchObject({
      scheduled: {
        schedule: 'At 09:00 AM, Monday through Friday (Europe/Berlin)',
        cron: '0 9 * * 1-5',
        time_zone: 'Europe/Berlin',
      },
    });
    expect(scheduler.list(session.id).map((r) => r.createdBy)).toEqual(['agent', 'agent', 'agent', 'agent']);
  });

  it("reads when in plain words, in the user's zone, and answers with the schedule in words and the next run", async () => {
    const { call, clock, scheduler, session } = setup();
    const weekday = await call('schedule_recall', { message: 'Standup notes', when: 'every weekday at 8:30' });
    expect(weekday.output).toMatchObject({
      scheduled: { kind: 'cron', cron: '30 8 * * 1-5', schedule: 'At 08:30 AM, Monday through Friday (Europe/Berlin)' },
    });
    const later = await call('schedule_recall', { message: 'Check the deploy', when: 'in 2 hours' });
    expect(later.output).toMatchObject({
      scheduled: { kind: 'once', next_run: new Date(clock.now() + 2 * 3_600_000).toISOString() },
    });
    const fortnightly = await call('schedule_recall', { message: 'Review', when: 'every 2 weeks on Monday' });
    expect(fortnightly.output).toMatchObject({ scheduled: { kind: 'interval' } });
    const unreadable = await call('schedule_recall', { message: 'x', when: 'whenever it suits' });
    expect(unreadable.isError).toBe(true);
    expect(JSON.stringify(unreadable.output)).toMatch(/Could not read “whenever it suits” as a time/);
    expect(scheduler.list(session.id)).toHaveLength(3);
  });

  it('sets an end, notifications and cancel-on-reply from the tool, and refuses an end before the first run', async () => {
    const { call, scheduler, session } = setup();
    const done = await call('schedule_recall', {
      message: 'Check the build',
      when: 'every day at 9',
      max_runs: 5,
      notify: 'attention',
      cancel_if_user_replies: true,
    });
    expect(done.output).toMatchObject({
      scheduled: { max_runs: 5, runs_so_far: 0, notify: 'attention', cancel_if_user_replies: true },
    });
    expect(scheduler.list(session.id)[0]).toMatchObject({ maxRuns: 5, notify: 'attention', cancelOnReply: true });
    const early = await call('schedule_recall', {
      message: 'x',
      when: 'every day at 9',
      ends_at: '2020-01-01T00:00:00Z',
    });
    expect(early.isError).toBe(true);
    expect(JSON.stringify(early.output)).toMatch(/before its first run at .*; choose a later end/);
    const bad = await call('schedule_recall', { message: 'x', when: 'every day at 9', ends_at: 'soon' });
    expect(JSON.stringify(bad.output)).toMatch(/ends_at 'soon' is not a valid ISO 8601 time/);
    expect(scheduler.list(session.id)).toHaveLength(1);
  });

  it('answers bad input in words the model can act on, and stores nothing', async () => {
    const { call, scheduler } = setup();
    const cases: [unknown, RegExp][] = [
      [{ message: 'x', cron: '0 25 * * *' }, /Not a valid expression: '25' is not a valid hour \(0-23\)/],
      [{ message: 'x', cron: '0 9 * * *', time_zone: 'Nowhere/Land' }, /Unknown time zone 'Nowhere\/Land'/],
      [{ message: 'x', at: '2020-01-01T00:00:00Z' }, /has already passed/],
      [{ message: 'x', at: 'tomorrow morning' }, /not a valid ISO 8601 time/],
      [
        { message: 'x', in_seconds: 60, cron: '* * * * *' },
        /exactly one of when, at, in_seconds, every_seconds or cron/,
      ],
      [{ message: 'x', every_seconds: 5 }, /at least 60/],
      [{ message: 'x'.repeat(5000), in_seconds: 60 }, /4000|too_big|at most/i],
    ];
    for (const [input, error] of cases) {
      const result = await call('schedule_recall', input);
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.output)).toMatch(error);
    }
    expect(scheduler.list()).toEqual([]);
  });

  it('refuses impossible dates, cron faster than once a minute and over-long expressions, in the same words as the form gets', async () => {
    const { call, scheduler, clock } = setup();
    const cases: [unknown, RecallSchedule, RegExp][] = [
      [
        { message: 'x', at: '+275760-09-13T00:00:00Z' },
        { kind: 'once', at: 8.64e15 },
        /A time must be before the year 10000/,
      ],
      [
        { message: 'x', in_seconds: 1e15 },
        { kind: 'once', at: clock.now() + 1e18 },
        /A time must be before the year 10000/,
      ],
      [
        { message: 'x', cron: '* * * * * *' },
        { kind: 'cron', expression: '* * * * * *', timeZone: 'UTC' },
        /Not a valid expression: a recall runs at most once a minute, so the seconds field .* not '\*'/,
      ],
      [
        { message: 'x', cron: '*/10 * * * * *' },
        { kind: 'cron', expression: '*/10 * * * * *', timeZone: 'UTC' },
        /at most once a minute/,
      ],
      [
        { message: 'x', cron: `0 9 * * ${'1,'.repeat(60)}2` },
        { kind: 'cron', expression: `0 9 * * ${'1,'.repeat(60)}2`, timeZone: 'UTC' },
        /A cron expression can be at most 100 characters/,
      ],
    ];
    for (const [input, schedule, error] of cases) {
      const tool = await call('schedule_recall', input);
      expect(tool.isError).toBe(true);
      expect(JSON.stringify(tool.output)).toMatch(error);
      // The form's path: the same schema refuses the same schedule with the same sentence.
      const form = RecallSchedule.safeParse(schedule);
      expect(form.success).toBe(false);
      expect(form.error!.issues.map((issue) => issue.message).join('; ')).toMatch(error);
    }
    expect(scheduler.list()).toEqual([]);
    // One run a minute, pinned to a second, is fine.
    expect((await call('schedule_recall', { message: 'x', cron: '30 * * * * *' })).isError).toBe(false);
  });

  it('says which unattended policy applies: wait for approval by default, or deny and continue', async () => {
    const { call, scheduler, session } = setup();
    const waiting = await call('schedule_recall', { message: 'Check the deploy', in_seconds: 600 });
    expect(waiting.output).toMatchObject({
      scheduled: { when_tool_needs_approval: expect.stringMatching(/^wait for your OK: .* up to 30 minutes/) },
    });
    const denying = await call('schedule_recall', {
      message: 'Poll quietly',
      every_seconds: 600,
      when_tool_needs_approval: 'deny',
    });
    expect(denying.output).toMatchObject({
      scheduled: { when_tool_needs_approval: expect.stringMatching(/^deny and continue/) },
    });
    expect(scheduler.list(session.id).map((recall) => recall.unattendedPolicy)).toEqual(['wait', 'deny']);
    const refused = await call('schedule_recall', { message: 'x', in_seconds: 60, when_tool_needs_approval: 'ask' });
    expect(refused.isError).toBe(true);
  });

  it("lists and cancels only this conversation's recalls", async () => {
    const { call, other } = setup();
    await call('schedule_recall', { message: 'Mine', in_seconds: 600 });
    const theirs = await call('schedule_recall', { message: 'Theirs', in_seconds: 600 }, other.id);
    const theirId = (theirs.output as { scheduled: { id: string } }).scheduled.id;
    const listed = await call('list_recalls', {});
    expect((listed.output as { recalls: { message: string }[] }).recalls.map((r) => r.message)).toEqual(['Mine']);
    const refused = await call('cancel_recall', { id: theirId });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.output)).toMatch(/no recall with id .* in this conversation/);
    const mine = (listed.output as { recalls: { id: string }[] }).recalls[0]!.id;
    expect((await call('cancel_recall', { id: mine })).isError).toBe(false);
    // Cancelled recalls stay listed (with their history) but never run again.
    expect(((await call('list_recalls', {})).output as { recalls: { status: string }[] }).recalls).toEqual([
      expect.objectContaining({ id: mine, status: 'cancelled', next_run: null }),
    ]);
  });
});

describe('migration 5 (recalls)', () => {
  it('applies on top of version 4, cascades with its session, and checks its columns', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 4));
    migrate(db, migrations.slice(0, 5));
    db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s', 't', 1, 1)").run();
    const insert = (kind: string, extra: string) =>
      db
        .prepare(
          `INSERT INTO recalls (id, session_id, kind, message, status, created_by, created_at, updated_at, ${extra.split('=')[0]})
           VALUES ('${kind}-${Math.random()}', 's', '${kind}', 'm', 'pending', 'user', 1, 1, ${extra.split('=')[1]})`,
        )
        .run();
    expect(() => insert('once', 'next_run_at=5')).toThrow(/CHECK/); // a once recall needs trigger_at
    insert('once', 'trigger_at=5');
    expect(() => insert('cron', "cron_expression='* * * * *'")).toThrow(/CHECK/); // and cron needs a zone
    db.prepare("DELETE FROM sessions WHERE id = 's'").run();
    expect(db.prepare('SELECT count(*) FROM recalls').pluck().get()).toBe(0);
    db.close();
  });
});
