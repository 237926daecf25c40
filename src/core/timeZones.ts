import { localZoneName } from '../shared/time/timeZoneNames';

/** How long the system's time zone is taken as known before it is read again. */
export const SYSTEM_ZONE_RECHECK_MS = 1_000;
let systemZone: { readonly name: string; readonly readAt: number } | undefined;

/**
 * The system's IANA time zone by its current name (the user's, unless settings say otherwise).
 * Read at most once a second: reading it makes an Intl formatter (about half a millisecond), and
 * every recall the scheduler publishes asks for it, so a burst of fires spent much of its time
 * here. A zone changed by travel is seen within the second.
 */
export function systemTimeZone(): string {
  const now = Date.now();
  if (!systemZone || now - systemZone.readAt >= SYSTEM_ZONE_RECHECK_MS || now < systemZone.readAt) {
    systemZone = { name: localZoneName(), readAt: now };
  }
  return systemZone.name;
}

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "+02:00"-style offset of `zone` at `at` (ms since the epoch). */
export function utcOffsetText(zone: string, at: number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(at))
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

/** The offset of `zone` at `at` in minutes east of UTC. */
export function utcOffsetMinutes(zone: string, at: number): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffsetText(zone, at));
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * The local wall-clock fields of `at` in `zone`, as a UTC timestamp of those fields (so day and
 * minute arithmetic on it is plain arithmetic).
 */
export function wallClockOf(zone: string, at: number): number {
  return at + utcOffsetMinutes(zone, at) * 60_000;
}

/**
 * The instant a wall-clock time (see `wallClockOf`) happens in `zone`. A time the clocks skipped
 * (spring forward) is the instant they jumped past it, shifted by the jump; a repeated time (fall
 * back) is its first occurrence.
 */
export function instantOfWallClock(zone: string, wall: number): number {
  const early = wall - utcOffsetMinutes(zone, wall - 14 * 3_600_000) * 60_000;
  const late = wall - utcOffsetMinutes(zone, wall + 14 * 3_600_000) * 60_000;
  const candidates = [early, late].filter((at) => wallClockOf(zone, at) === wall).sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  // In a gap: keep the offset from before the jump, which lands just after it.
  return early;
}
