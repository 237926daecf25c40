import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../src/shared/contract';
import { dateGroup, sidebarRows, type SidebarRow } from '../../src/renderer/src/components/sidebar/sidebarGroups';

/** A fixed clock: Wednesday 11 March 2026, 00:30 in Lisbon (UTC+0) and 09:30 in Tokyo (UTC+9). */
const NOW = Date.UTC(2026, 2, 11, 0, 30);
const HOUR = 3_600_000;

function session(id: string, updatedAt: number, pinned = false): SessionSummary {
  return {
    id,
    title: id,
    createdAt: 0,
    updatedAt,
    archived: false,
    pinned,
    unread: false,
    profileId: null,
    model: null,
    instructions: null,
    busy: false,
  };
}

const shape = (rows: readonly SidebarRow[]) =>
  rows.map((row) => (row.kind === 'heading' ? `# ${row.group}` : row.session.id));

describe('date groups of the sidebar (local days)', () => {
  it('counts calendar days in the given zone, not 24-hour spans', () => {
    // 23:30 the evening before is "Yesterday" in Lisbon, though only an hour ago.
    expect(dateGroup(NOW - HOUR, NOW, 'Europe/Lisbon')).toBe('Yesterday');
    // In Tokyo the same instant is 08:30 today.
    expect(dateGroup(NOW - HOUR, NOW, 'Asia/Tokyo')).toBe('Today');
    expect(dateGroup(NOW, NOW, 'Europe/Lisbon')).toBe('Today');
    expect(dateGroup(NOW - 2 * 24 * HOUR, NOW, 'Europe/Lisbon')).toBe('Previous 7 days');
    expect(dateGroup(NOW - 7 * 24 * HOUR, NOW, 'Europe/Lisbon')).toBe('Previous 7 days');
    expect(dateGroup(NOW - 8 * 24 * HOUR, NOW, 'Europe/Lisbon')).toBe('Older');
    // Activity stamped a little in the future (a clock set back) still reads as today.
    expect(dateGroup(NOW + 2 * HOUR, NOW, 'Europe/Lisbon')).toBe('Today');
  });

  it('puts pinned conversations first, then one heading per group that has conversations', () => {
    const rows = sidebarRows(
      [session('pinned-old', NOW - 40 * 24 * HOUR, true)],
      [
        session('now', NOW),
        session('late-last-night', NOW - HOUR),
        session('three-days', NOW - 3 * 24 * HOUR),
        session('last-month', NOW - 30 * 24 * HOUR),
        session('last-year', NOW - 400 * 24 * HOUR),
      ],
      NOW,
      'Europe/Lisbon',
    );
    expect(shape(rows)).toEqual([
      '# Pinned',
      'pinned-old',
      '# Today',
      'now',
      '# Yesterday',
      'late-last-night',
      '# Previous 7 days',
      'three-days',
      '# Older',
      'last-month',
      'last-year',
    ]);
  });

  it('shows no heading for an empty group, and none at all with no conversations', () => {
    expect(shape(sidebarRows([], [session('old', NOW - 20 * 24 * HOUR)], NOW, 'Europe/Lisbon'))).toEqual([
      '# Older',
      'old',
    ]);
    expect(sidebarRows([], [], NOW, 'Europe/Lisbon')).toEqual([]);
  });
});
