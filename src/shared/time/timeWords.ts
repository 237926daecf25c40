/**
 * Times as a person reads them: local to a time zone and in words ("today at 9:00", "tomorrow at
 * 8:30", "on Tuesday at 9:00", "on 3 Dec at 9:00"). One home for this wording: the core writes
 * notes and notifications with it, the renderer shows lists with it. Intl only: runs anywhere.
 */

export interface TimeWordsOptions {
  /** What "today" is measured from. */
  readonly now: number;
  /** IANA zone; the runtime's own when absent. */
  readonly timeZone?: string;
  /** BCP 47 locale; the runtime's own when absent. */
  readonly locale?: string;
}

type Style = 'time' | 'weekday' | 'date' | 'dateYear' | 'ymd';
const STYLES: Readonly<Record<Style, Intl.DateTimeFormatOptions>> = {
  time: { hour: 'numeric', minute: '2-digit' },
  weekday: { weekday: 'long' },
  date: { weekday: 'short', day: 'numeric', month: 'short' },
  dateYear: { day: 'numeric', month: 'short', year: 'numeric' },
  ymd: { year: 'numeric', month: 'numeric', day: 'numeric' },
};

const MAX_FORMATTERS = 64;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Style, options: TimeWordsOptions): Intl.DateTimeFormat {
  const key = `${style}|${options.locale ?? ''}|${options.timeZone ?? ''}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(options.locale, {
      ...STYLES[style],
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(style === 'ymd' ? { calendar: 'gregory', numberingSystem: 'latn' } : {}),
    });
    if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value!);
    formatters.set(key, found);
  }
  return found;
}

/** Whether `ms` is a time a Date can show. */
export function isShowableTime(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

/** The calendar day of `ms` in the zone, as a day number (for "today", "tomorrow"). */
function dayNumber(ms: number, options: TimeWordsOptions): number {
  const parts = formatter('ymd', options).formatToParts(ms);
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Math.round(Date.UTC(field('year'), field('month') - 1, field('day')) / 86_400_000);
}

/** Whole local days from `now`'s day to `ms`'s day (negative in the past), in the zone. */
export function daysFromToday(ms: number, options: TimeWordsOptions): number {
  return dayNumber(ms, options) - dayNumber(options.now, options);
}

function yearOf(ms: number, options: TimeWordsOptions): string | undefined {
  return formatter('dateYear', options)
    .formatToParts(ms)
    .find((part) => part.type === 'year')?.value;
}

/** "Tue, 25 Nov", or "25 Nov 2027" when not in the year of `now`. */
function dateOf(ms: number, options: TimeWordsOptions): string {
  return formatter(yearOf(ms, options) === yearOf(options.now, options) ? 'date' : 'dateYear', options).format(ms);
}

/** "9:00 AM" (or "09:00"), in the zone. */
export function timeOfDay(ms: number, options: Omit<TimeWordsOptions, 'now'>): string {
  if (!isShowableTime(ms)) return 'an unknown time';
  return formatter('time', { ...options, now: 0 }).format(ms);
}

/**
 * "today at 9:00", "yesterday at 23:10", "tomorrow at 8:30", "on Friday at 9:00" (within the next
 * week), "on Tue, 3 Dec at 9:00" (this year), "on 3 Dec 2027 at 9:00".
 */
export function sayWhen(ms: number, options: TimeWordsOptions): string {
  if (!isShowableTime(ms)) return 'at an unknown time';
  const time = timeOfDay(ms, options);
  const days = daysFromToday(ms, options);
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  if (days === -1) return `yesterday at ${time}`;
  if (days > 1 && days < 7) return `on ${formatter('weekday', options).format(ms)} at ${time}`;
  return `on ${dateOf(ms, options)} at ${time}`;
}

/**
 * "9:00 AM on Tue, 25 Nov" (with the year when it is not the year of `now`): a fixed date that
 * stays true whenever it is read, for text that is stored (notes in a conversation).
 */
export function sayDateTime(ms: number, options: TimeWordsOptions): string {
  if (!isShowableTime(ms)) return 'an unknown time';
  return `${timeOfDay(ms, options)} on ${dateOf(ms, options)}`;
}

/** A whole-number amount with its unit ("1 minute", "3 hours"). */
export function countOf(amount: number, unit: string): string {
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

/** "14 s", "5 min", "2 h 10 min", "3 days": a span of time, short. */
export function sayDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return countOf(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return countOf(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48)
    return minutes % 60 === 0 ? countOf(hours, 'hour') : `${countOf(hours, 'hour')} ${countOf(minutes % 60, 'minute')}`;
  return countOf(Math.round(hours / 24), 'day');
}
