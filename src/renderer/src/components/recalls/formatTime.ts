/** Local-time wording for recall times, in the person's own locale and time zone. */
import { isShowableTime } from '../../../../shared/time/timeWords';

/** What a time that no Date can show reads as (a damaged record must not blank the page). */
const UNKNOWN_TIME = 'an unknown time';

/** The machine-readable form for `<time dateTime>`, when the time can be shown at all. */
export function isoStamp(ms: number): string | undefined {
  return isShowableTime(ms) ? new Date(ms).toISOString() : undefined;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekdayTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const dateTimeWithYear = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });
const dayHeading = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Whole local days from `now`'s day to `ms`'s day (negative in the past); DST-safe. */
export function dayOffset(ms: number, now: number): number {
  return Math.round((startOfDay(ms) - startOfDay(now)) / DAY);
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * "Today 14:05", "Tomorrow 09:00", "Tue 09:00", "Tue, 3 Dec, 09:00", "3 Dec 2027, 09:00";
 * `inline` keeps "today" lower-case for use inside a sentence.
 */
export function formatRunTime(ms: number, now: number = Date.now(), inline = false): string {
  if (!isShowableTime(ms)) return UNKNOWN_TIME;
  const days = dayOffset(ms, now);
  if (days >= -1 && days <= 1) {
    const day = relative.format(days, 'day');
    return `${inline ? day : capitalise(day)} ${timeOfDay.format(ms)}`;
  }
  if (days > 1 && days < 7) return weekdayTime.format(ms);
  if (new Date(ms).getFullYear() === new Date(now).getFullYear()) return dateTime.format(ms);
  return dateTimeWithYear.format(ms);
}

/** "Today", "Tomorrow", "Thursday, 5 December": headings for runs grouped by day. */
export function formatDayHeading(ms: number, now: number = Date.now()): string {
  if (!isShowableTime(ms)) return 'Some day';
  const days = dayOffset(ms, now);
  return days >= -1 && days <= 1 ? capitalise(relative.format(days, 'day')) : dayHeading.format(ms);
}

/** The time of day alone ("14:05"). */
export function formatTimeOfDay(ms: number): string {
  if (!isShowableTime(ms)) return UNKNOWN_TIME;
  return timeOfDay.format(ms);
}

/** Everything, with the zone: for tooltips. */
export function formatFullDateTime(ms: number): string {
  if (!isShowableTime(ms)) return UNKNOWN_TIME;
  return fullDateTime.format(ms);
}

/** "in 5 minutes", "2 hours ago", "now". */
export function formatRelative(ms: number, now: number = Date.now()): string {
  if (!isShowableTime(ms)) return UNKNOWN_TIME;
  const delta = ms - now;
  const size = Math.abs(delta);
  if (size < 45_000) return delta >= 0 ? relative.format(Math.max(1, Math.round(delta / 1000)), 'second') : 'just now';
  if (size < 90 * MINUTE) return relative.format(Math.round(delta / MINUTE), 'minute');
  if (size < 36 * HOUR) return relative.format(Math.round(delta / HOUR), 'hour');
  return relative.format(Math.round(delta / DAY), 'day');
}
