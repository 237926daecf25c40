/** The system's IANA time zone (the user's, unless settings say otherwise). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
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
