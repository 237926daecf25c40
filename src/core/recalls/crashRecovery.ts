import { messageText } from '../../shared/contract';
import { replyExcerpt } from '../../shared/recalls/recallNotice';
import type { Clock } from '../ports';
import type { SessionStore } from '../store/sessionStore';
import { interruptedNote } from './recallNotes';
import type { RecallStore } from './recallStore';
import type { RecallUpdates } from './recallUpdates';
import type { RunRecords } from './runRecords';

export interface CrashRecoveryOptions {
  readonly recalls: RecallStore;
  readonly sessions: SessionStore;
  readonly clock: Clock;
  readonly records: RunRecords;
  readonly updates: RecallUpdates;
  /** Tries per due slot, for the note saying how many are left. */
  readonly maxAttempts: number;
}

/**
 * Recalls left `running` by a crash or a kill. One whose reply was stored complete had finished:
 * only the bookkeeping is done now. Otherwise the run was interrupted: one failed try, retried by
 * the normal policy, with a note in the conversation.
 */
export function recoverInterruptedRuns(options: CrashRecoveryOptions): void {
  const { recalls, sessions, clock, records, updates } = options;
  for (const recall of recalls.running()) {
    const dueAt = recall.fireSlot ?? recall.nextRunAt ?? clock.now();
    const reply = recall.replyId ? sessions.getMessage(recall.sessionId, recall.replyId) : undefined;
    if (reply?.status === 'complete') {
      const record = { recallId: recall.id, dueAt, startedAt: dueAt, runId: null };
      records.record({ ...record, end: { kind: 'completed', reply: replyExcerpt(messageText(reply)) } }, false);
      continue;
    }
    const verdict = records.record({
      recallId: recall.id,
      dueAt,
      startedAt: dueAt,
      runId: null,
      end: { kind: 'interrupted' },
    });
    if (!verdict) continue;
    updates.note(
      recall.sessionId,
      interruptedNote(
        recall,
        {
          attempts: verdict.attempts,
          maxAttempts: options.maxAttempts,
          retryAt: verdict.retryAt,
          next: verdict.change.status === 'pending' ? (verdict.change.nextRunAt ?? undefined) : undefined,
        },
        updates.words(),
      ),
    );
  }
}
