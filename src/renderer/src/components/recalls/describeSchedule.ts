import cronstrue from 'cronstrue';
import type { Recall } from '../../../../shared/contract';
import { formatRunTime, uses24HourClock } from './formatTime';

const UNITS = [
  { seconds: 86_400, one: 'day', many: 'days' },
  { seconds: 3_600, one: 'hour', many: 'hours' },
  { seconds: 60, one: 'minute', many: 'minutes' },
  { seconds: 1, one: 'second', many: 'seconds' },
] as const;

/** "every 2 hours", "every minute", "every 90 minutes": the largest unit that divides evenly. */
export function describeInterval(totalSeconds: number): string {
  const unit = UNITS.find((candidate) => totalSeconds % candidate.seconds === 0) ?? UNITS[3];
  const count = totalSeconds / unit.seconds;
  return count === 1 ? `every ${unit.one}` : `every ${count} ${unit.many}`;
}

/**
 * A cron expression in words ("At 09:00, Monday through Friday"). Day-of-month and day-of-week
 * both have to match, as in the scheduler (node-cron). Throws when the expression cannot be read.
 */
export function cronInWords(expression: string): string {
  return cronstrue.toString(expression.trim(), {
    use24HourTimeFormat: uses24HourClock,
    logicalAndDayFields: true,
    throwExceptionOnParseError: true,
  });
}

/** A recall's schedule in words: "Once, tomorrow 09:00", "Every 2 hours", "At 09:00 … (Europe/Berlin)". */
export function describeSchedule(recall: Recall, now: number = Date.now()): string {
  switch (recall.kind) {
    case 'once':
      return recall.triggerAt === null ? 'Once' : `Once, ${formatRunTime(recall.triggerAt, now, true)}`;
    case 'interval': {
      const words = recall.intervalSeconds ? describeInterval(recall.intervalSeconds) : 'repeating';
      return words.charAt(0).toUpperCase() + words.slice(1);
    }
    case 'cron': {
      const expression = recall.cronExpression ?? '';
      let words: string;
      try {
        words = cronInWords(expression);
      } catch {
        words = `Cron ${expression}`;
      }
      return recall.timeZone ? `${words} (${recall.timeZone})` : words;
    }
  }
}
