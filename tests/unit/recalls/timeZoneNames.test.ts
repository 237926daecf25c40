import { describe, expect, it } from 'vitest';
import { nextCronRun } from '../../../src/core/recalls/cron/cronSchedule';
import { scheduleInWords } from '../../../src/core/recalls/schedule';
import { currentZoneName, currentZoneNames } from '../../../src/shared/time/timeZoneNames';

/** Wednesday 25 November 2026, 10:00 UTC. */
const NOW = Date.UTC(2026, 10, 25, 10, 0);

describe('current time-zone names', () => {
  it('names renamed and merged zones as IANA does today, and leaves current and unknown names alone', () => {
    expect(currentZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentZoneName('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(currentZoneName('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
    // Merged into Kyiv's zone (IANA 2022): an alias resolves, then gets the current name.
    expect(currentZoneName('Europe/Zaporozhye')).toBe('Europe/Kyiv');
    expect(currentZoneName('Etc/UTC')).toBe('UTC');
    expect(currentZoneName('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(currentZoneName('Europe/Berlin')).toBe('Europe/Berlin');
    expect(currentZoneName('Mars/Olympus_Mons')).toBe('Mars/Olympus_Mons');
  });

  it('lists every zone once by its current name, each one the runtime accepts', () => {
    const zones = currentZoneNames();
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('Europe/Kyiv');
    expect(zones).toContain('America/Argentina/Buenos_Aires');
    expect(zones).toContain('UTC');
    for (const legacy of ['Asia/Calcutta', 'Europe/Kiev', 'America/Buenos_Aires', 'Asia/Katmandu']) {
      expect(zones).not.toContain(legacy);
    }
    expect(new Set(zones).size).toBe(zones.length);
    for (const zone of zones) expect(currentZoneName(zone)).toBe(zone);
    // Longer than a few entries: the runtime's list was read (Node and Chromium share ICU's).
    expect(zones.length).toBeGreaterThan(300);
  });

  it('a cron recall stored under an old name says its current one and runs on the same clock', () => {
    const schedule = (timeZone: string) => ({
      kind: 'cron' as const,
      triggerAt: null,
      intervalSeconds: null,
      cronExpression: '0 9 * * *',
      timeZone,
    });
    expect(scheduleInWords(schedule('Asia/Calcutta'), { now: NOW, timeZone: 'UTC' })).toMatch(/\(Asia\/Kolkata\)$/);
    expect(nextCronRun('0 9 * * *', 'Asia/Kolkata', NOW)).toBe(nextCronRun('0 9 * * *', 'Asia/Calcutta', NOW));
  });
});
