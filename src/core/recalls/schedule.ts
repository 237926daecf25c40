import type { RecallSchedule } from '../../shared/contract';
import { sayDateTime } from '../../shared/time/timeWords';
import { currentZoneName } from '../../shared/time/timeZoneNames';
import { instantOfWallClock, wallClockOf } from '../timeZones';
import { assertCronExpression, assertTimeZone, nextCronRun, ScheduleError } from './cron/cronSchedule';
import { cronInWords } from './cron/cronWords';
import type { NewRecall } from './recallStore';

export type ScheduleColumns = Pick<NewRecall, 'kind' | 'triggerAt' | 'intervalSeconds' | 'cronExpression' | 'timeZone'>;

/** A one-time recall may be this far in the past (a request that took a moment) and still fire now. */
const PAST_TOLERANCE_MS = 5_000;
const DAY_SECONDS = 86_400;

/**
 * Checks a schedule and returns how it is stored plus its first run. Errors are one sentence a
 * person or the model can act on; times in them are local and in words.
 */
export function resolveSchedule(
  schedule: RecallSchedule,
  now: number,
  timeZone: string,
): { columns: ScheduleColumns; firstRun: number } {
  const words = { now, timeZone };
  switch (schedule.kind) {
    case 'once': {
      if (schedule.at < now - PAST_TOLERANCE_MS) {
        throw new ScheduleError(
          `The time ${sayDateTime(schedule.at, words)} has already passed (it is now ${sayDateTime(now, words)}); choose a later time.`,
        );
      }
      return {
        columns: { kind: 'once', triggerAt: schedule.at, intervalSeconds: null, cronExpression: null, timeZone: null },
        firstRun: Math.max(schedule.at, now),
      };
    }
    case 'interval': {
      const start = schedule.startAt ?? now + schedule.everySeconds * 1000;
      if (start < now - PAST_TOLERANCE_MS) {
        throw new ScheduleError(
          `The first run, ${sayDateTime(start, words)}, has already passed; choose a later start.`,
        );
      }
      if (schedule.timeZone !== undefined) assertTimeZone(schedule.timeZone);
      return {
        // trigger_at anchors the slots, so deferred or late runs do not make the schedule drift.
        columns: {
          kind: 'interval',
          triggerAt: start,
          intervalSeconds: schedule.everySeconds,
          cronExpression: null,
          // Whole days in a zone keep their wall-clock time across daylight saving changes.
          timeZone:
            schedule.timeZone !== undefined && schedule.everySeconds % DAY_SECONDS === 0 ? schedule.timeZone : null,
        },
        firstRun: Math.max(start, now),
      };
    }
    case 'cron': {
      const expression = schedule.expression.trim();
      assertTimeZone(schedule.timeZone);
      assertCronExpression(expression, schedule.timeZone);
      return {
        columns: {
          kind: 'cron',
          triggerAt: null,
          intervalSeconds: null,
          cronExpression: expression,
          timeZone: schedule.timeZone,
        },
        firstRun: nextCronRun(expression, schedule.timeZone, now),
      };
    }
  }
}

/** The next slot strictly after `now` for a recurring recall; undefined for a one-time recall. */
export function nextSlotAfter(recall: ScheduleColumns, now: number): number | undefined {
  if (recall.kind === 'interval' && recall.intervalSeconds && recall.triggerAt !== null) {
    if (now < recall.triggerAt) return recall.triggerAt;
    if (recall.timeZone && recall.intervalSeconds % DAY_SECONDS === 0) {
      return nextWallClockSlot(recall.triggerAt, recall.intervalSeconds * 1000, recall.timeZone, now);
    }
    const step = recall.intervalSeconds * 1000;
    return recall.triggerAt + (Math.floor((now - recall.triggerAt) / step) + 1) * step;
  }
  if (recall.kind === 'cron' && recall.cronExpression && recall.timeZone) {
    return nextCronRun(recall.cronExpression, recall.timeZone, now);
  }
  return undefined;
}

/** Slots a whole number of local days apart, at the anchor's wall-clock time in `zone`. */
function nextWallClockSlot(anchor: number, step: number, zone: string, now: number): number {
  const anchorWall = wallClockOf(zone, anchor);
  let index = Math.max(0, Math.floor((wallClockOf(zone, now) - anchorWall) / step));
  for (;;) {
    const slot = instantOfWallClock(zone, anchorWall + index * step);
    if (slot > now) return slot;
    index++;
  }
}

/** The next `count` runs from `first` on. */
export function upcomingRuns(recall: ScheduleColumns, first: number, count: number): number[] {
  const runs = [first];
  while (runs.length < count) {
    const next = nextSlotAfter(recall, runs.at(-1)!);
    if (next === undefined) break;
    runs.push(next);
  }
  return runs;
}

/** How many slots fell in [from, to] (at least 1: the one that was due), capped for long absences. */
export function countSlots(recall: ScheduleColumns, from: number, to: number, cap = 1000): number {
  if (recall.kind === 'once') return 1;
  let count = 1;
  let slot = from;
  for (;;) {
    const next = nextSlotAfter(recall, slot);
    if (next === undefined || next > to || count >= cap) return count;
    count++;
    slot = next;
  }
}

const UNITS = [
  { seconds: 7 * DAY_SECONDS, name: 'week' },
  { seconds: DAY_SECONDS, name: 'day' },
  { seconds: 3_600, name: 'hour' },
  { seconds: 60, name: 'minute' },
  { seconds: 1, name: 'second' },
] as const;

/** "every 2 hours", "every minute", "every 90 minutes": the largest unit that divides evenly. */
export function intervalInWords(totalSeconds: number): string {
  const unit = UNITS.find((candidate) => totalSeconds % candidate.seconds === 0) ?? UNITS[4];
  const count = totalSeconds / unit.seconds;
  return count === 1 ? `every ${unit.name}` : `every ${count} ${unit.name}s`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function uses24HourClock(): boolean {
  const cycle = new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h23' || cycle === 'h24';
}

/**
 * A schedule in words, with times local to `timeZone`: "Once, at 9:00 AM on Tue, 25 Nov",
 * "Every 2 hours", "Every 2 weeks, from 9:00 AM on Mon, 30 Nov (Europe/Berlin)",
 * "At 08:30 AM, Monday through Friday (Europe/Berlin)".
 */
export function scheduleInWords(recall: ScheduleColumns, words: { now: number; timeZone: string }): string {
  switch (recall.kind) {
    case 'once':
      return `Once, at ${sayDateTime(recall.triggerAt ?? 0, words)}`;
    case 'interval': {
      const every = capitalised(intervalInWords(recall.intervalSeconds ?? 60));
      if (!recall.timeZone || recall.triggerAt === null) return every;
      return `${every}, from ${sayDateTime(recall.triggerAt, { ...words, timeZone: recall.timeZone })} (${currentZoneName(recall.timeZone)})`;
    }
    case 'cron': {
      const expression = recall.cronExpression ?? '';
      let said: string;
      try {
        said = cronInWords(expression, uses24HourClock());
      } catch {
        said = `On the cron schedule ${expression}`;
      }
      return `${said} (${currentZoneName(recall.timeZone ?? 'UTC')})`;
    }
  }
}

export { ScheduleError };
