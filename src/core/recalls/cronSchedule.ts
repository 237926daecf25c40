import { createTask, validateDetailed } from 'node-cron';
import { isKnownTimeZone, utcOffsetMinutes } from '../timeZones';

/** node-cron's matcher; it computes the next local match in an IANA zone (DST-aware). */
interface TimeMatcher {
  getNextMatch(date: Date): Date;
  match(date: Date): boolean;
}

/** Thrown for schedules a person (or the model) must fix; the message says how. */
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

export function assertCronExpression(expression: string): void {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) {
    throw new ScheduleError(
      `cron expression '${expression}' is invalid: it needs 5 fields (minute hour day-of-month month day-of-week), optionally with seconds first.`,
    );
  }
  const result = validateDetailed(expression);
  if (!result.valid) {
    const reasons = result.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new ScheduleError(`cron expression '${expression}' is invalid: ${reasons || 'it could not be parsed'}.`);
  }
}

const MAX_CACHED = 500;
const matchers = new Map<string, TimeMatcher>();

/**
 * node-cron exposes next-run computation only on tasks; a task that is never started keeps no timer,
 * and destroying it removes it from node-cron's registry. Matchers are cached per expression and zone.
 */
function matcherFor(expression: string, timeZone: string): TimeMatcher {
  const key = `${timeZone}\u0000${expression}`;
  const cached = matchers.get(key);
  if (cached) return cached;
  const task = createTask(expression, () => {}, { timezone: timeZone });
  const matcher = (task as unknown as { timeMatcher?: TimeMatcher }).timeMatcher;
  void task.destroy();
  if (!matcher || typeof matcher.getNextMatch !== 'function') {
    throw new Error('This version of node-cron does not expose next-run computation');
  }
  if (matchers.size >= MAX_CACHED) matchers.delete(matchers.keys().next().value!);
  matchers.set(key, matcher);
  return matcher;
}

/**
 * The first time strictly after `after` that `expression` matches in `timeZone`. On the day clocks
 * fall back, a repeated local time fires once (its first occurrence). On the day they spring
 * forward, a local time that does not exist fires once, at the moment the clocks jump (as cron does),
 * instead of being skipped.
 */
export function nextCronRun(expression: string, timeZone: string, after: number): number {
  const next = matcherFor(expression, timeZone).getNextMatch(new Date(after)).getTime();
  const jump = springForwardBetween(timeZone, after, next);
  if (jump !== undefined && jump.at > after && matchesInGap(expression, jump)) return jump.at;
  return next;
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
    if (wall.match(new Date(jump.wallStart + minute * MINUTE))) return true;
  }
  return false;
}
