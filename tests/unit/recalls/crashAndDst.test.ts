import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCrashChild, runCrashCycles } from '../../fixtures/crashCycles';
import { settle } from '../../helpers/controlledAgent';
import { localStamp } from '../../helpers/localStamp';
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

describe('kill -9 while replies stream and recalls come due', () => {
  it('loses nothing acknowledged, runs no one-time recall twice or never, and keeps interrupted replies', async () => {
    const childFile = await buildCrashChild();
    const report = await runCrashCycles({ childFile, dbFile: join(tempDir(), 'navi.db'), cycles: 4, seed: 7 });
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.recalls).toBeGreaterThan(0);
    expect(report).toMatchObject({
      acknowledgedLost: 0,
      completedRepliesLost: 0,
      recallsRunTwice: 0,
      recallsNeverRun: 0,
      interruptedRepliesKept: report.interruptedReplies,
    });
  }, 60_000);
});
