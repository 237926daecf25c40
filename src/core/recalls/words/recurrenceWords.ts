import type { RecallSchedule } from '../../../shared/contract';
import { instantOfWallClock, wallClockOf } from '../../timeZones';
import { parseTimeOfDay, type TimeOfDay } from './timeOfDayWords';

/**
 * A small grammar for repeating schedules said in words. Only what reads unambiguously is
 * accepted; anything else is left to the caller (a one-time date, or a readable refusal):
 *
 *   every [N] minutes|hours                        -> interval from now
 *   every day|morning|evening [at T], daily        -> cron "m h * * *"
 *   every N days [at T]                            -> interval of whole local days
 *   every weekday|weekend [at T]                   -> cron "m h * * 1-5" / "0,6"
 *   every monday [and|, thursday …] [at T]         -> cron "m h * * 1,4"
 *   every [N] week[s] [on monday …] [at T]         -> cron (N = 1) or interval of N weeks
 *   every month on the 15th [at T], monthly        -> cron "m h 15 * *"
 *
 * A day-or-longer schedule without a time runs at 9:00 (the preview says so before saving).
 */

export class RecurrenceProblem extends Error {}

const DEFAULT_TIME: TimeOfDay = { hour: 9, minute: 0 };
const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  other: 2,
};

function weekdayOf(word: string): number | undefined {
  const clean = word.replace(/s$/, '');
  const index = WEEKDAYS.findIndex((day) => day === clean || (clean.length >= 3 && day.startsWith(clean)));
  return index === -1 ? undefined : index;
}

function countOf(word: string | undefined): number | undefined {
  if (word === undefined) return 1;
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}

/** Splits "… at 8:30" off the end. */
function splitTime(text: string): { rest: string; time: TimeOfDay | undefined } {
  const match =
    /^(.*?)(?:\s*,)?\s+(?:at\s+)?((?:\d{1,2}(?:[:.h]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?)|noon|midnight|midday)$/.exec(
      text,
    );
  if (!match) return { rest: text, time: undefined };
  const time = parseTimeOfDay(match[2]!);
  if (!time) throw new RecurrenceProblem(`'${match[2]}' is not a time of day; say it like 8:30, 8:30pm or 17:00`);
  return { rest: match[1]!.trim(), time };
}

function cron(time: TimeOfDay, dayOfMonth: string, dayOfWeek: string, timeZone: string): RecallSchedule {
  return { kind: 'cron', expression: `${time.minute} ${time.hour} ${dayOfMonth} * ${dayOfWeek}`, timeZone };
}

/** The next instant at `time` on one of `weekdays` (any day when empty), strictly after `now`. */
function nextLocal(now: number, timeZone: string, time: TimeOfDay, weekdays: readonly number[] = []): number {
  const today = Math.floor(wallClockOf(timeZone, now) / DAY_MS) * DAY_MS;
  for (let day = 0; day <= 7; day++) {
    const wall = today + day * DAY_MS + (time.hour * 60 + time.minute) * 60_000;
    const weekday = new Date(wall).getUTCDay();
    if (weekdays.length > 0 && !weekdays.includes(weekday)) continue;
    const at = instantOfWallClock(timeZone, wall);
    if (at > now) return at;
  }
  return instantOfWallClock(timeZone, today + 8 * DAY_MS);
}

function weekdayList(text: string): number[] | undefined {
  const words = text
    .split(/\s*(?:,|\band\b|&)\s*/)
    .map((word) => word.trim())
    .filter(Boolean);
  if (words.length === 0) return undefined;
  const days = words.map(weekdayOf);
  return days.every((day) => day !== undefined) ? [...new Set(days as number[])].sort() : undefined;
}

/** A repeating schedule, or undefined when the words do not say one. Throws RecurrenceProblem to refuse. */
export function parseRecurrence(said: string, now: number, timeZone: string): RecallSchedule | undefined {
  let text = said.trim().toLowerCase().replace(/\s+/g, ' ');
  const shorthand: Readonly<Record<string, string>> = {
    hourly: 'every hour',
    daily: 'every day',
    weekly: 'every week',
    monthly: 'every month',
  };
  const lead = /^(hourly|daily|weekly|monthly)\b/.exec(text);
  if (lead) text = shorthand[lead[1]!]! + text.slice(lead[1]!.length);
  text = text.replace(/^each /, 'every ').replace(/^on (\w+days?)\b/, 'every $1');
  if (!text.startsWith('every ')) return undefined;
  const { rest, time } = splitTime(text.slice('every '.length));

  // every [N] minutes / hours
  const short = /^(?:(\d+|[a-z]+) )?(minute|min|hour|hr)s?$/.exec(rest);
  if (short) {
    if (time) throw new RecurrenceProblem('a schedule in minutes or hours has no time of day; leave out "at …"');
    const count = countOf(short[1]);
    if (!count) return undefined;
    const unitSeconds = short[2]!.startsWith('h') ? 3600 : 60;
    return { kind: 'interval', everySeconds: count * unitSeconds };
  }
  const at = time ?? DEFAULT_TIME;

  // every day / morning / evening
  if (/^(day|morning)$/.test(rest)) return cron(time ?? DEFAULT_TIME, '*', '*', timeZone);
  if (rest === 'evening') return cron(time ?? { hour: 18, minute: 0 }, '*', '*', timeZone);
  if (/^(weekday|work ?day|business day)s?$/.test(rest)) return cron(at, '*', '1-5', timeZone);
  if (/^weekends?$/.test(rest)) return cron(at, '*', '0,6', timeZone);

  // every N days
  const days = /^(\d+|[a-z]+) days?$/.exec(rest);
  if (days) {
    const count = countOf(days[1]);
    if (!count) return undefined;
    if (count === 1) return cron(at, '*', '*', timeZone);
    return { kind: 'interval', everySeconds: count * 86_400, startAt: nextLocal(now, timeZone, at), timeZone };
  }

  // every [N] week[s] [on monday, …]
  const weeks = /^(?:(\d+|[a-z]+) )?weeks?(?: on (.+))?$/.exec(rest);
  if (weeks) {
    const count = countOf(weeks[1]);
    if (!count) return undefined;
    const on = weeks[2] === undefined ? [weekdayOfInstant(now, timeZone)] : weekdayList(weeks[2]);
    if (!on) throw new RecurrenceProblem(`'${weeks[2]}' is not a day of the week`);
    if (count === 1) return cron(at, '*', on.join(','), timeZone);
    if (on.length > 1) {
      throw new RecurrenceProblem(`every ${count} weeks can name one day; make one recall per day`);
    }
    return {
      kind: 'interval',
      everySeconds: count * 7 * 86_400,
      startAt: nextLocal(now, timeZone, at, on),
      timeZone,
    };
  }

  // every monday and thursday
  const named = weekdayList(rest);
  if (named) return cron(at, '*', named.join(','), timeZone);

  // every month [on the 15th]
  const month = /^(?:(\d+|[a-z]+) )?months?(?: on(?: the)? (\d{1,2})(?:st|nd|rd|th)?)?$/.exec(rest);
  if (month) {
    const count = countOf(month[1]);
    if (count !== 1) {
      throw new RecurrenceProblem('only "every month" can be said in words; use a cron expression for other months');
    }
    const day = month[2] === undefined ? 1 : Number(month[2]);
    if (day < 1 || day > 31) throw new RecurrenceProblem(`day ${day} is not a day of the month`);
    return cron(at, String(day), '*', timeZone);
  }
  return undefined;
}

function weekdayOfInstant(at: number, timeZone: string): number {
  return new Date(wallClockOf(timeZone, at)).getUTCDay();
}
