import type { Recall } from '../../../../shared/contract';
import { isActive } from '../../stores/recallStore';
import { formatRelative, formatRunTime } from './formatTime';

/** "2 scheduled · next today 14:05 (in 5 minutes) · 1 paused": a conversation's recalls in a line. */
export function recallSummary(recalls: readonly Recall[], now: number): string {
  if (recalls.length === 0) return 'Schedule Navi to come back to this conversation later.';
  const active = recalls.filter(isActive);
  const paused = recalls.filter((recall) => recall.status === 'paused').length;
  const finished = recalls.length - active.length - paused;
  const parts: string[] = [];
  if (active.length > 0) parts.push(`${active.length} scheduled`);
  const next = active.find((recall) => recall.nextRunAt !== null)?.nextRunAt;
  if (active.some((recall) => recall.status === 'running')) parts.push('one is running');
  else if (next !== null && next !== undefined) {
    parts.push(`next ${formatRunTime(next, now, true)} (${formatRelative(next, now)})`);
  }
  if (paused > 0) parts.push(`${paused} paused`);
  if (finished > 0) parts.push(`${finished} finished`);
  return parts.join(' · ');
}
