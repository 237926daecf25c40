import type { SessionSummary } from '../../../../shared/contract';
import { daysFromToday } from '../../../../shared/time/timeWords';

export type SidebarGroup = 'Pinned' | 'Today' | 'Yesterday' | 'Previous 7 days' | 'Older';

/** A row of the sidebar's list: a group's heading, or a conversation. */
export type SidebarRow =
  | { readonly kind: 'heading'; readonly group: SidebarGroup }
  | {
      readonly kind: 'session';
      readonly session: SessionSummary;
      /** While searching: the message text that matched, and the message it is from. */
      readonly snippet?: string;
      readonly messageId?: string;
    };

/** The date group of a conversation last active at `updatedAt`, in local days counted from `now`. */
export function dateGroup(updatedAt: number, now: number, timeZone?: string): Exclude<SidebarGroup, 'Pinned'> {
  const days = daysFromToday(updatedAt, { now, timeZone });
  // A clock moved back can put activity "tomorrow": it is still today's.
  if (days >= 0) return 'Today';
  if (days === -1) return 'Yesterday';
  if (days >= -7) return 'Previous 7 days';
  return 'Older';
}

/**
 * The list as the sidebar shows it: pinned conversations first, then the rest under Today,
 * Yesterday, Previous 7 days and Older (local days in `timeZone`, the runtime's own when left out).
 * Each list is newest first already; a group with no conversation has no heading.
 */
export function sidebarRows(
  pinned: readonly SessionSummary[],
  recent: readonly SessionSummary[],
  now: number,
  timeZone?: string,
): SidebarRow[] {
  const rows: SidebarRow[] = [];
  if (pinned.length > 0) {
    rows.push({ kind: 'heading', group: 'Pinned' });
    for (const session of pinned) rows.push({ kind: 'session', session });
  }
  let current: SidebarGroup | undefined;
  for (const session of recent) {
    // Newest first: once a conversation is Older, so is every one after it (no date to work out;
    // the first page of a large history is mostly Older).
    const group = current === 'Older' ? current : dateGroup(session.updatedAt, now, timeZone);
    if (group !== current) {
      rows.push({ kind: 'heading', group });
      current = group;
    }
    rows.push({ kind: 'session', session });
  }
  return rows;
}
