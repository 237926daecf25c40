import * as chrono from 'chrono-node';
import { instantOfWallClock, utcOffsetMinutes } from '../../timeZones';

/**
 * One time said in words ("in 2 hours", "tomorrow at 9", "next Friday 14:00", "3 Dec at 9:30"),
 * read by chrono-node in the person's zone. chrono works in a fixed UTC offset, so the wall-clock
 * fields it found are turned into an instant by the zone's own rules (a date across a daylight
 * saving change keeps its clock time). Undefined when the words name no time, or more than the time.
 */
export function parseOneTime(text: string, now: number, timeZone: string): number | undefined {
  const results = chrono.parse(
    text,
    { instant: new Date(now), timezone: utcOffsetMinutes(timeZone, now) },
    { forwardDate: true },
  );
  const result = results[0];
  if (!result || results.length > 1) return undefined;
  // The whole text must be the date ("remind me …" is not a schedule).
  const rest = text.replace(result.text, '').trim();
  if (rest !== '' && !/^(at|on|in)$/i.test(rest)) return undefined;
  const start = result.start;
  if (start.isCertain('timezoneOffset')) return start.date().getTime();
  // "Friday" alone: at the default hour, not chrono's noon.
  const hour = start.isCertain('hour') ? start.get('hour')! : 9;
  const minute = start.isCertain('hour') ? (start.get('minute') ?? 0) : 0;
  const wall = Date.UTC(
    start.get('year')!,
    start.get('month')! - 1,
    start.get('day')!,
    hour,
    minute,
    start.get('second') ?? 0,
  );
  return instantOfWallClock(timeZone, wall);
}
