import type { RecallSchedule } from '../../shared/contract';
import { assertCronExpression, assertTimeZone, nextCronRun, ScheduleError } from './cronSchedule';
import type { NewRecall } from './recallStore';

export type ScheduleColumns = Pick<NewRecall, 'kind' | 'triggerAt' | 'intervalSeconds' | 'cronExpression' | 'timeZone'>;

/** A one-time recall may be this far in the past (a request that took a moment) and still fire now. */
const PAST_TOLERANCE_MS = 5_000;

/**
 * Checks a schedule and returns how it is stored plus its first run. Errors are worded so a person
 * or the model can fix the input.
 */
export function resolveSchedule(schedule: RecallSchedule, now: number): { columns: ScheduleColumns; firstRun: number } {
  switch (schedule.kind) {
    case 'once': {
      if (schedule.at < now - PAST_TOLERANCE_MS) {
        throw new ScheduleError(
          `The time ${new Date(schedule.at).toISOString()} is in the past (it is now ${new Date(now).toISOString()}); choose a later time.`,
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
        throw new ScheduleError(`The first run ${new Date(start).toISOString()} is in the past; choose a later start.`);
      }
      return {
        // trigger_at anchors the slots, so deferred or late runs do not make the schedule drift.
        columns: {
          kind: 'interval',
          triggerAt: start,
          intervalSeconds: schedule.everySeconds,
          cronExpression: null,
          timeZone: null,
        },
        firstRun: Math.max(start, now),
      };
    }
    case 'cron': {
      const expression = schedule.expression.trim();
      assertTimeZone(schedule.timeZone);
      assertCronExpression(expression);
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
    const step = recall.intervalSeconds * 1000;
    if (now < recall.triggerAt) return recall.triggerAt;
    return recall.triggerAt + (Math.floor((now - recall.triggerAt) / step) + 1) * step;
  }
  if (recall.kind === 'cron' && recall.cronExpression && recall.timeZone) {
    return nextCronRun(recall.cronExpression, recall.timeZone, now);
  }
  return undefined;
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

/** A readable description of a schedule for notes and tool answers. */
export function describeSchedule(recall: ScheduleColumns): string {
  if (recall.kind === 'once') return `once at ${new Date(recall.triggerAt ?? 0).toISOString()}`;
  if (recall.kind === 'interval') return `every ${recall.intervalSeconds} seconds`;
  return `cron '${recall.cronExpression}' in ${recall.timeZone}`;
}

export { ScheduleError };
