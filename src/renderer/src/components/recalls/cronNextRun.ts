/**
 * The next run of a cron expression in an IANA time zone, for the create form's live preview.
 * It follows the scheduler's reading (node-cron): optional seconds field, names for months and
 * week days, `*`, lists, ranges (also wrapping), steps, and day-of-month AND day-of-week. The
 * scheduler stays the judge: it validates on save and its next run is the one the panel shows.
 * The `L`, `W` and `#` forms are left to it (`undefined`: no preview).
 */

const NICKNAMES: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface CronMatcher {
  readonly seconds: readonly number[];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
}

function replaceNames(field: string, names: readonly string[], first: number): string {
  return field.replace(/[a-z]+/gi, (word) => {
    const lower = word.toLowerCase();
    const index = names.findIndex((name) => name === lower || name.slice(0, 3) === lower);
    return index >= 0 ? String(index + first) : word;
  });
}

function toNumber(text: string, field: (typeof FIELDS)[number]): number {
  if (!/^\d+$/.test(text)) throw new Error(`'${text}' is not a valid ${field.name}`);
  const value = Number(text);
  if (value < field.min || value > field.max) {
    throw new Error(`${field.name} ${value} is outside ${field.min}–${field.max}`);
  }
  return value;
}

function expandField(text: string, field: (typeof FIELDS)[number]): number[] | undefined {
  const values = new Set<number>();
  for (const token of text.split(',')) {
    if (/[LW#]/i.test(token)) return undefined;
    const match = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(token);
    if (!match?.[1]) throw new Error(`'${token}' is not a valid ${field.name}`);
    const step = match[2] === undefined ? 1 : Number(match[2]);
    if (step < 1) throw new Error(`the step in '${token}' must be at least 1`);
    const [from, to] =
      match[1] === '*'
        ? [field.min, field.name === 'day of week' ? 6 : field.max]
        : match[1].includes('-')
          ? match[1].split('-').map((part) => toNumber(part, field))
          : [toNumber(match[1], field), match[2] === undefined ? toNumber(match[1], field) : undefined];
    if (from === undefined || to === undefined) throw new Error(`'${token}' needs a range before its step`);
    const size = field.max - field.min + 1;
    const span = (((to - from) % size) + size) % size;
    for (let offset = 0; offset <= span; offset += step) {
      const value = from + offset;
      values.add(value > field.max ? value - size : value);
    }
  }
  return [...values].sort((a, b) => a - b);
}

/** Reads an expression; throws with a reason when it is not one, `undefined` when it has L/W/#. */
export function parseCron(expression: string): CronMatcher | undefined {
  const trimmed = expression.trim();
  const fields = (NICKNAMES[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    throw new Error('it needs 5 fields (minute hour day-of-month month day-of-week), optionally with seconds first');
  }
  const six = fields.length === 5 ? ['0', ...fields] : fields;
  const [second, minute, hour, day, month, weekday] = six.map((field, index) => {
    let text = field;
    if ((index === 3 || index === 5) && text === '?') text = '*';
    if (index === 4) text = replaceNames(text, MONTHS, 1);
    if (index === 5) text = replaceNames(text, WEEKDAYS, 0);
    return expandField(text, FIELDS[index]!);
  });
  if (!second || !minute || !hour || !day || !month || !weekday) return undefined;
  return {
    seconds: second,
    minutes: minute,
    hours: hour,
    days: new Set(day),
    months: new Set(month),
    weekdays: new Set(weekday.map((value) => value % 7)),
  };
}

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions) {
  let format = map.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
    map.set(zone, format);
  }
  return format;
}

function localParts(ms: number, zone: string): LocalParts {
  const format = cached(partsFormats, zone, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function offsetMinutes(ms: number, zone: string): number {
  const name =
    cached(offsetFormats, zone, { timeZoneName: 'longOffset' })
      .formatToParts(ms)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

function sameWallTime(ms: number, wall: LocalParts, zone: string): boolean {
  const read = localParts(ms, zone);
  return (
    read.year === wall.year &&
    read.month === wall.month &&
    read.day === wall.day &&
    read.hour === wall.hour &&
    read.minute === wall.minute &&
    read.second === wall.second
  );
}

/**
 * The instant a wall-clock time happens in `zone`. On the day clocks fall back, a repeated time
 * runs once, at its first occurrence; a time the clocks skip (spring forward) runs at the moment
 * they jump, as the scheduler does.
 */
function wallToInstant(wall: LocalParts, zone: string): number {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const first = guess - offsetMinutes(guess, zone) * 60_000;
  const second = guess - offsetMinutes(first, zone) * 60_000;
  const [early, late] = [Math.min(first, second), Math.max(first, second)];
  if (sameWallTime(early, wall, zone)) return early;
  if (sameWallTime(late, wall, zone)) return late;
  // In the gap: find the minute the offset changes between the two readings.
  const after = offsetMinutes(late, zone);
  let low = early;
  let high = late;
  while (high - low > 60_000) {
    const middle = Math.floor((low + high) / 2 / 60_000) * 60_000;
    if (middle <= low || middle >= high) break;
    if (offsetMinutes(middle, zone) === after) high = middle;
    else low = middle;
  }
  return Math.ceil(high / 60_000) * 60_000;
}

const MAX_DAYS = 366 * 5;

/** The first run strictly after `after`, or undefined for expressions it leaves to the scheduler. */
export function nextCronRun(expression: string, zone: string, after: number): number | undefined {
  const matcher = parseCron(expression);
  if (!matcher) return undefined;
  const base = Math.floor(after / 1000) * 1000;
  const start = localParts(base, zone);
  const startSeconds = start.hour * 3600 + start.minute * 60 + start.second;
  for (let offset = 0; offset < MAX_DAYS; offset++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + offset));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (!matcher.months.has(month) || !matcher.days.has(day) || !matcher.weekdays.has(date.getUTCDay())) continue;
    for (const hour of matcher.hours) {
      if (offset === 0 && hour < start.hour) continue;
      for (const minute of matcher.minutes) {
        for (const second of matcher.seconds) {
          if (offset === 0 && hour * 3600 + minute * 60 + second <= startSeconds) continue;
          const instant = wallToInstant({ year, month, day, hour, minute, second }, zone);
          if (instant > base) return instant;
        }
      }
    }
  }
  return undefined;
}
