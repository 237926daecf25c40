import { validateDetailed, type CronFieldError } from 'node-cron';
import { cronSecondsProblem } from '../../../shared/contract';
import { isKnownTimeZone, utcOffsetMinutes } from '../../timeZones';
import { createCronMatcher, CronSeamBroken, type CronMatcher } from './nodeCronMatcher';

/** Thrown for schedules a person (or the model) must fix; the message is one sentence saying how. */
export class ScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleError';
  }
}

export function assertTimeZone(zone: string): void {
  if (!isKnownTimeZone(zone)) {
    throw new ScheduleError(
      `Unknown time zone '${zone}': use an IANA name such as 'Europe/Berlin' or 'America/New_York'.`,
    );
  }
}

const FIELD_RANGES: Readonly<Record<string, string>> = {
  second: 'second (0-59)',
  minute: 'minute (0-59)',
  hour: 'hour (0-23)',
  dayOfMonth: 'day of the month (1-31)',
  month: 'month (1-12 or Jan-Dec)',
  dayOfWeek: 'day of the week (0-7 or Sun-Sat)',
};

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** node-cron's field error, said the way a person would. */
function reasonOf(error: CronFieldError): string {
  const impossible = /^(\S+) (\S+) is an impossible day of month/.exec(error.message);
  if (impossible) {
    const months = impossible[2]!.split(',').map((month) => MONTH_NAMES[Number(month) - 1] ?? month);
    return `it can never run, because ${listInWords(months)} never has a day ${listInWords(impossible[1]!.split(','))}`;
  }
  const fields = /^expected 5 or 6 fields but got (\d+)$/.exec(error.message);
  if (fields) {
    return `it needs 5 fields (minute, hour, day of month, month, day of week), optionally with seconds first, not ${fields[1]}`;
  }
  const invalid = /^(.*) is a invalid expression for /.exec(error.message);
  if (invalid && FIELD_RANGES[error.field]) return `'${invalid[1]}' is not a valid ${FIELD_RANGES[error.field]}`;
  return error.message;
}

/** "Not a valid expression: …": one sentence. */
function invalidExpression(reasons: readonly string[]): ScheduleError {
  return new ScheduleError(`Not a valid expression: ${reasons.join('; ')}.`);
}

const MAX_CACHED = 500;
const matchers = new Map<string, CronMatcher>();

function matcherFor(expression: string, timeZone: string): CronMatcher {
  const key = `${timeZone}\u0000${expression}`;
  const cached = matchers.get(key);
  if (cached) return cached;
  const matcher = createCronMatcher(expression, timeZone);
  if (matchers.size >= MAX_CACHED) matchers.delete(matchers.keys().next().value!);
  matchers.set(key, matcher);
  return matcher;
}

/**
 * Checks an expression: its syntax, at most one run a minute, and that it can run at all (`0 0 31
 * 2 *` never does). Throws a ScheduleError whose message is one sentence.
 */
export function assertCronExpression(expression: string, timeZone = 'UTC'): void {
  const result = validateDetailed(expression);
  if (!result.valid) throw invalidExpression(result.errors.map(reasonOf));
  const seconds = cronSecondsProblem(expression);
  if (seconds) throw invalidExpression([seconds]);
  try {
    matcherFor(expression, timeZone).next(Date.UTC(2000, 0, 1));
  } catch (error) {
    if (error instanceof CronSeamBroken) throw error;
    throw invalidExpression(['it can never run, as no date in a hundred years matches all of its fields']);
  }
}

/**
 * The first time strictly after `after` that `expression` matches in `timeZone`. On the night
 * clocks fall back, a repeated local time fires once, but which of its two occurrences is node-cron's
 * choice and differs by zone: the second (after the change) in Europe/Berlin and Australia/Sydney,
 * where the first pass of the repeated hour matches nothing; the first (before it) in
 * America/New_York (scenarios S02, S04, S06 and S26 in docs/recalls.md pin this down). On the night
 * they spring forward, a local time that does not exist fires once, at the moment the clocks jump (as
 * cron does), instead of being skipped.
 */
export function nextCronRun(expression: string, timeZone: string, after: number): number {
  const next = matcherFor(expression, timeZone).next(after);
  const jump = springForwardBetween(timeZone, after, next);
  if (jump !== undefined && jump.at > after && matchesInGap(expression, jump)) return jump.at;
  return next;
}

/** The next `count` runs after `after`. */
export function nextCronRuns(expression: string, timeZone: string, after: number, count: number): number[] {
  const runs: number[] = [];
  let from = after;
  for (let index = 0; index < count; index++) {
    from = nextCronRun(expression, timeZone, from);
    runs.push(from);
  }
  return runs;
}

const MINUTE = 60_000;

interface ClockJump {
  /** The instant the clocks jumped forward. */
  readonly at: number;
  /** Wall-clock time (as a UTC timestamp of the local fields) at which the missing stretch starts. */
  readonly wallStart: number;
  readonly lengthMinutes: number;
}

/** The spring-forward transition in (from, to], if the zone has one there. */
function springForwardBetween(timeZone: string, from: number, to: number): ClockJump | undefined {
  const before = utcOffsetMinutes(timeZone, from);
  const after = utcOffsetMinutes(timeZone, to);
  if (after <= before) return undefined;
  let low = from;
  let high = to;
  while (high - low > MINUTE) {
    const middle = Math.floor((low + high) / 2 / MINUTE) * MINUTE;
    if (middle <= low || middle >= high) break;
    if (utcOffsetMinutes(timeZone, middle) === before) low = middle;
    else high = middle;
  }
  const at = Math.ceil(high / MINUTE) * MINUTE;
  return { at, wallStart: at + before * MINUTE, lengthMinutes: after - before };
}

/** Whether the expression names a wall-clock minute inside the stretch the jump skipped. */
function matchesInGap(expression: string, jump: ClockJump): boolean {
  // Matching in UTC tests the wall-clock fields themselves.
  const wall = matcherFor(expression, 'UTC');
  for (let minute = 0; minute < jump.lengthMinutes; minute++) {
    if (wall.matches(jump.wallStart + minute * MINUTE)) return true;
  }
  return false;
}
