/**
 * Quiet hours: a daily stretch of local wall-clock time ("22:00" to "07:00") during which recall
 * notifications are held, not shown. One home for the rule: the core decides with it, the settings
 * form shows what it says. Intl only: runs anywhere.
 *
 * The rule follows the clock on the wall: a minute is quiet when its local time of day lies in
 * [from, to) (wrapping past midnight when `to` is earlier than `from`). So on the night clocks go
 * forward, an end inside the skipped hour ends quiet hours when the clock jumps past it; on the
 * night they go back, a repeated stretch of the window is quiet both times.
 */

export interface QuietHoursWindow {
  /** "HH:MM", 24-hour, local. */
  readonly from: string;
  /** "HH:MM", 24-hour, local; not equal to `from`. */
  readonly to: string;
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
/** Further than any daylight-saving or zone-rule shift moves a wall-clock time (they are at most 2 h). */
const SHIFT_MINUTES = 150;

/** "07:30" → 450; undefined when it is not a 24-hour "HH:MM". */
export function minutesOfDay(time: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

const MAX_FORMATTERS = 16;
const formatters = new Map<string, Intl.DateTimeFormat>();

function clockIn(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value!);
    formatters.set(timeZone, found);
  }
  return found;
}

/** The local time of day at `at` in the zone, in minutes after midnight. */
function localMinutes(at: number, timeZone: string): number {
  const parts = clockIn(timeZone).formatToParts(at);
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return (field('hour') % 24) * 60 + field('minute');
}

/** Whether the window holds notifications at `at` (never when there is no window or it is malformed). */
export function isQuietAt(window: QuietHoursWindow | null, at: number, timeZone: string): boolean {
  if (!window) return false;
  const from = minutesOfDay(window.from);
  const to = minutesOfDay(window.to);
  if (from === undefined || to === undefined || from === to) return false;
  const now = localMinutes(at, timeZone);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/**
 * The first whole minute after `at` that is not quiet: when held notifications are summed up.
 * Undefined when `at` is not quiet. Counts wall-clock minutes to `to`, then looks around that
 * estimate minute by minute, since a daylight-saving change on the way moves the real end.
 */
export function quietHoursEnd(window: QuietHoursWindow | null, at: number, timeZone: string): number | undefined {
  if (!window || !isQuietAt(window, at, timeZone)) return undefined;
  const to = minutesOfDay(window.to)!;
  const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  const wallMinutes = (to - localMinutes(minute, timeZone) + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
  const estimate = minute + wallMinutes * MINUTE_MS;
  const first = Math.max(minute + MINUTE_MS, estimate - SHIFT_MINUTES * MINUTE_MS);
  for (let candidate = first; candidate <= estimate + SHIFT_MINUTES * MINUTE_MS; candidate += MINUTE_MS) {
    if (!isQuietAt(window, candidate, timeZone)) return candidate;
  }
  return estimate;
}
