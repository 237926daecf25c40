import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/shared/contract';
import { settle } from '../../helpers/controlledAgent';
import { projectRoot } from '../../helpers/host';
import { ManualClock } from '../../helpers/manualClock';
import { CountingAgent, createRecallHarness, type RecallHarness } from '../../helpers/recalls';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const open: RecallHarness[] = [];
afterEach(async () => {
  for (const harness of open.splice(0)) await harness.close();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** "2026-03-08 03:00 GMT-4": the local wall time and offset at `at`. */
function localStamp(at: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** Runs a cron recall across a stretch of days and returns the local times it fired at. */
async function cronFirings(expression: string, timeZone: string, fromIso: string, hours: number): Promise<string[]> {
  const fired: string[] = [];
  const clock = new ManualClock(Date.parse(fromIso));
  const agent = new CountingAgent();
  const harness = createRecallHarness(
    join(tempDir(), 'navi.db'),
    {
      run: (request) => {
        fired.push(localStamp(clock.now(), timeZone));
        return agent.run(request);
      },
    },
    { clock },
  );
  open.push(harness);
  const session = harness.sessions.createSession();
  harness.scheduler.create({
    sessionId: session.id,
    schedule: { kind: 'cron', expression, timeZone },
    message: 'tick',
    createdBy: 'user',
  });
  for (let elapsed = 0; elapsed < hours * HOUR; elapsed += MINUTE) {
    clock.advance(MINUTE);
    await settle(2);
  }
  return fired;
}

describe('cron across daylight saving time', () => {
  it('spring forward: a daily time inside the skipped hour fires once that day, when the clocks jump', async () => {
    const fired = await cronFirings('30 2 * * *', 'America/New_York', '2026-03-06T12:00:00Z', 4 * 24);
    expect(fired).toEqual([
      '2026-03-07 02:30 GMT-5',
      '2026-03-08 03:00 GMT-4',
      '2026-03-09 02:30 GMT-4',
      '2026-03-10 02:30 GMT-4',
    ]);
  });

  it('fall back: a time in the repeated hour fires once, and an hourly recall once per local hour', async () => {
    expect(await cronFirings('30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', 2 * 24)).toEqual([
      '2026-11-01 01:30 GMT-4',
      '2026-11-02 01:30 GMT-5',
    ]);
    const hourly = await cronFirings('0 * * * *', 'America/New_York', '2026-11-01T03:30:00Z', 6);
    // 01:00 happens twice that night (EDT, then EST): it fires for the first only.
    expect(hourly).toEqual([
      '2026-11-01 00:00 GMT-4',
      '2026-11-01 01:00 GMT-4',
      '2026-11-01 02:00 GMT-5',
      '2026-11-01 03:00 GMT-5',
      '2026-11-01 04:00 GMT-5',
    ]);
  });
});

describe('crash while a recall runs', () => {
  it('never fires a one-time recall twice: the killed run is recorded and explained, not repeated', async () => {
    const file = join(tempDir(), 'navi.db');
    // One process (tsx as a loader, not its CLI, which would run the script in a grandchild).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'tests', 'fixtures', 'recallCrashChild.ts'), file],
      {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 20_000 }).toContain('RUNNING');
    const peek = new BetterSqlite3(file, { readonly: true });
    expect(peek.prepare('SELECT status FROM recalls').pluck().get()).toBe('running');
    peek.close();
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    child.stdout.destroy();

    const agent = new CountingAgent();
    const reopened = createRecallHarness(file, agent, { clock: new ManualClock(Date.now() + 5_000) });
    open.push(reopened);
    await settle(4);
    reopened.clock.advance(HOUR);
    await settle(4);
    expect(agent.runs).toHaveLength(0);
    const [recall] = reopened.scheduler.list();
    expect(recall).toMatchObject({ status: 'failed', lastOutcome: 'failed' });
    expect(recall!.lastError).toMatch(/not run again, so it cannot run twice/);
    const [session] = reopened.sessions.listSessions();
    expect(reopened.sessions.allMessages(session!.id).map(messageText).join('\n')).toMatch(
      /interrupted because Navi closed/,
    );
    expect(reopened.scheduler.history().map((r) => r.outcome)).toEqual(['failed']);
  });
});
