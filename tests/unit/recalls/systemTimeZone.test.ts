import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ZONE_RECHECK_MS, systemTimeZone } from '../../../src/core/timeZones';

const originalTz = process.env.TZ;
afterEach(() => {
  vi.useRealTimers();
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('the system time zone', () => {
  it('is read at most once a second, and a changed zone is seen once that second is over', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 10, 0) });
    // Node reads TZ again when it is set: a zone changed under the running app.
    process.env.TZ = 'Asia/Kolkata';
    vi.advanceTimersByTime(SYSTEM_ZONE_RECHECK_MS);
    expect(systemTimeZone()).toBe('Asia/Kolkata');
    process.env.TZ = 'Europe/Lisbon';
    vi.advanceTimersByTime(SYSTEM_ZONE_RECHECK_MS - 1);
    expect(systemTimeZone()).toBe('Asia/Kolkata');
    vi.advanceTimersByTime(1);
    expect(systemTimeZone()).toBe('Europe/Lisbon');
    // Old names come out as today's.
    process.env.TZ = 'Europe/Kiev';
    vi.advanceTimersByTime(SYSTEM_ZONE_RECHECK_MS);
    expect(systemTimeZone()).toBe('Europe/Kyiv');
  });
});
