import { describe, expect, it } from 'vitest';
import { nextCronRun } from '../../../src/core/recalls/cron/cronSchedule';
import { createCronMatcher } from '../../../src/core/recalls/cron/nodeCronMatcher';
import { previewSchedule } from '../../../src/core/recalls/schedulePreview';
import { readSchedule } from '../../../src/core/recalls/words/readSchedule';

const BERLIN = 'Europe/Berlin';
/** Wednesday 25 November 2026, 10:00 in Berlin (09:00 UTC). */
const NOW = Date.UTC(2026, 10, 25, 9, 0);
const HOUR = 3_600_000;

const read = (text: string, timeZone = BERLIN, now = NOW) => readSchedule({ text, timeZone, as: 'words' }, now);
const local = (ms: number, timeZone = BERLIN) =>
  new Date(ms)
    .toLocaleString('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    })
    .replace(',', '');

describe('schedules said in words', () => {
  it('reads one time with chrono-node, in the person’s zone', () => {
    expect(read('in 2 hours')).toEqual({ kind: 'once', at: NOW + 2 * HOUR });
    expect(read('in 90 minutes')).toEqual({ kind: 'once', at: NOW + 1.5 * HOUR });
    const tomorrow = read('tomorrow at 9');
    expect(tomorrow.kind === 'once' && local(tomorrow.at)).toBe('Thu 26 Nov 09:00');
    const friday = read('Friday 14:30');
    expect(friday.kind === 'once' && local(friday.at)).toBe('Fri 27 Nov 14:30');
    // The same words in another zone mean another instant.
    const tokyo = read('tomorrow at 9', 'Asia/Tokyo');
    expect(tokyo.kind === 'once' && local(tokyo.at, 'Asia/Tokyo')).toBe('Thu 26 Nov 09:00');
  });

  it('keeps a date across a daylight saving change at its clock time', () => {
    // 28 Mar 2027 is the night Berlin moves to summer time; chrono alone would use today’s offset.
    const after = read('3 April 2027 at 9:00');
    expect(after.kind === 'once' && new Date(after.at).toISOString()).toBe('2027-04-03T07:00:00.000Z');
  });

  it('reads repeating schedules with the small grammar', () => {
    expect(read('every weekday at 8:30')).toEqual({ kind: 'cron', expression: '30 8 * * 1-5', timeZone: BERLIN });
    expect(read('every day at 7pm')).toEqual({ kind: 'cron', expression: '0 19 * * *', timeZone: BERLIN });
    expect(read('every Monday and Thursday at 17:00')).toEqual({
      kind: 'cron',
      expression: '0 17 * * 1,4',
      timeZone: BERLIN,
    });
    expect(read('every month on the 15th at 9')).toEqual({ kind: 'cron', expression: '0 9 15 * *', timeZone: BERLIN });
    expect(read('every 15 minutes')).toEqual({ kind: 'interval', everySeconds: 900 });
    expect(read('hourly')).toEqual({ kind: 'interval', everySeconds: 3600 });
    // Every 2 weeks on Monday: whole weeks from the next Monday at 9:00, in the zone.
    const fortnight = read('every 2 weeks on Monday');
    expect(fortnight).toMatchObject({ kind: 'interval', everySeconds: 14 * 86_400, timeZone: BERLIN });
    expect(fortnight.kind === 'interval' && local(fortnight.startAt!)).toBe('Mon 30 Nov 09:00');
    // A cron expression typed in the words field is read as cron.
    expect(read('0 9 * * 1-5')).toEqual({ kind: 'cron', expression: '0 9 * * 1-5', timeZone: BERLIN });
  });

  it('refuses what it cannot read in one sentence that says what would work', () => {
    expect(() => read('whenever it suits')).toThrow(
      'Could not read “whenever it suits” as a time; try “in 2 hours”, “tomorrow at 9”, “every weekday at 8:30” or a cron expression.',
    );
    expect(() => read('every 5 minutes at 9')).toThrow(/has no time of day/);
    expect(() => read('every 2 weeks on Monday and Friday')).toThrow(/make one recall per day/);
    expect(() => read('every day at 25:00')).toThrow(/'25:00' is not a time of day/);
    expect(() => read('every 30 seconds')).toThrow(/^Could not read/);
  });
});

describe('the schedule preview (the form asks the core)', () => {
  it('gives the schedule in words and the next five runs in the chosen zone', () => {
    const preview = previewSchedule({ text: '30 8 * * 1-5', timeZone: 'America/New_York', as: 'cron' }, NOW);
    expect(preview.problem).toBeNull();
    expect(preview.words).toBe('At 08:30 AM, Monday through Friday (America/New_York)');
    expect(preview.nextRuns.map((at) => local(at, 'America/New_York'))).toEqual([
      'Wed 25 Nov 08:30',
      'Thu 26 Nov 08:30',
      'Fri 27 Nov 08:30',
      'Mon 30 Nov 08:30',
      'Tue 1 Dec 08:30',
    ]);
  });

  it('says why a cron can never fire, or is not one, in one sentence', () => {
    const never = previewSchedule({ text: '0 0 31 2 *', timeZone: BERLIN, as: 'cron' }, NOW);
    expect(never).toEqual({
      problem: 'Not a valid expression: it can never run, because February never has a day 31.',
      schedule: null,
      words: null,
      nextRuns: [],
    });
    expect(previewSchedule({ text: '0 0 30,31 2 *', timeZone: BERLIN, as: 'cron' }, NOW).problem).toBe(
      'Not a valid expression: it can never run, because February never has a day 30 or 31.',
    );
    expect(previewSchedule({ text: '61 * * * *', timeZone: BERLIN, as: 'cron' }, NOW).problem).toBe(
      "Not a valid expression: '61' is not a valid minute (0-59).",
    );
    // 29 February is possible, and comes in a leap year.
    const leap = previewSchedule({ text: '0 9 29 2 *', timeZone: BERLIN, as: 'cron' }, NOW);
    expect(leap.nextRuns.slice(0, 2).map((at) => new Date(at).getUTCFullYear())).toEqual([2028, 2032]);
  });

  it('says a one-time schedule in the past has passed, in local words', () => {
    const preview = previewSchedule({ text: 'yesterday at 9', timeZone: BERLIN, as: 'words' }, NOW);
    expect(preview.problem).toMatch(
      /^The time 9:00\sAM on Tue, Nov 24 has already passed \(it is now 10:00\sAM on Wed, Nov 25\)/,
    );
  });
});

describe('the one seam into node-cron', () => {
  it('agrees with node-cron’s public matching for the next runs, in a zone with DST', () => {
    const matcher = createCronMatcher('30 2 * * *', 'America/New_York');
    let at = Date.UTC(2026, 2, 1);
    for (let index = 0; index < 60; index++) {
      at = matcher.next(at);
      expect(matcher.matches(at)).toBe(true);
      expect(new Date(at).getUTCMinutes()).toBe(30);
    }
  });

  it('throws for an expression that never matches instead of hanging', () => {
    expect(() => createCronMatcher('0 0 31 2 *', 'UTC').next(NOW)).toThrow();
    // The scheduler's own next-run goes through the seam.
    expect(nextCronRun('0 9 * * *', BERLIN, NOW)).toBe(Date.UTC(2026, 10, 26, 8, 0));
  });
});
