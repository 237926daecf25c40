import { RecallSchedule, type ScheduleText } from '../../../shared/contract';
import { ScheduleError } from '../cron/cronSchedule';
import { parseOneTime } from './oneTimeWords';
import { parseRecurrence, RecurrenceProblem } from './recurrenceWords';

/** A cron field: numbers and cron signs, or three-letter month and day names ("mon-fri"). */
const CRON_FIELD = /^(?:[\d*?,/\-LW#]+|[a-z]{3}(?:[,-][a-z]{3})*)$/i;

/** Five or six cron fields: read as a cron expression. */
function looksLikeCron(text: string): boolean {
  const fields = text.split(/\s+/);
  return fields.length >= 5 && fields.length <= 6 && fields.every((field) => CRON_FIELD.test(field));
}

/**
 * The schedule a person (or the model) said: a cron expression, a repeating schedule in words, or
 * one time in words. Throws a ScheduleError with one sentence when it cannot be read.
 */
export function readSchedule(input: ScheduleText, now: number): RecallSchedule {
  const text = input.text.trim();
  const timeZone = input.timeZone;
  let schedule: unknown;
  if (input.as === 'cron' || looksLikeCron(text)) {
    schedule = { kind: 'cron', expression: text, timeZone };
  } else {
    try {
      schedule = parseRecurrence(text, now, timeZone);
    } catch (error) {
      if (error instanceof RecurrenceProblem) throw new ScheduleError(`Could not read “${text}”: ${error.message}.`);
      throw error;
    }
    if (schedule === undefined) {
      const at = parseOneTime(text, now, timeZone);
      if (at === undefined) {
        throw new ScheduleError(
          `Could not read “${text}” as a time; try “in 2 hours”, “tomorrow at 9”, “every weekday at 8:30” or a cron expression.`,
        );
      }
      schedule = { kind: 'once', at };
    }
  }
  return checkedSchedule(schedule);
}

/** The contract's own checks (ranges, limits), as one sentence. */
export function checkedSchedule(schedule: unknown): RecallSchedule {
  const checked = RecallSchedule.safeParse(schedule);
  if (!checked.success) {
    const reasons = checked.error.issues.map((issue) => issue.message.replace(/\.$/, ''));
    throw new ScheduleError(`${reasons.join('; ')}.`);
  }
  return checked.data;
}
