import { sayDateTime } from '../../shared/time/timeWords';
import type { SessionStore } from '../store/sessionStore';
import { cancelledByReplyNote } from './recallNotes';
import type { RecallStore, StoredRecall } from './recallStore';
import type { RecallUpdates } from './recallUpdates';

export interface CancelOnReplyOptions {
  readonly recalls: RecallStore;
  readonly sessions: SessionStore;
  readonly updates: RecallUpdates;
  /** Re-arms the scheduler's timer (a cancelled recall may have been the earliest due). */
  readonly arm: () => void;
}

/** Recalls set to end when the person writes in their conversation: cancelled once they do. */
export class CancelOnReply {
  constructor(private readonly options: CancelOnReplyOptions) {}

  /**
   * Cancels the conversation's recalls that are set to end when the person writes there. It runs
   * on every change of a conversation (a recall's own run makes several): it reads only those
   * recalls, not every recall of the conversation (reading them all made each fire cost
   * milliseconds in a conversation with a hundred recalls, and fires queued up behind it).
   */
  inSession(sessionId: string, now: number): void {
    for (const recall of this.options.recalls.pendingCancelOnReply(sessionId)) this.ifReplied(recall, now);
  }

  /**
   * A recall set to cancel on a reply, whose conversation the person wrote in since it was set up
   * (or since its last run): cancelled, with a note saying so. True when it was.
   */
  ifReplied(recall: StoredRecall, now: number): boolean {
    if (!recall.cancelOnReply) return false;
    const { recalls: store, updates } = this.options;
    const since = Math.max(recall.createdAt, recall.lastRunAt ?? 0);
    const wrote = this.options.sessions.lastUserMessageAt(recall.sessionId);
    if (wrote === undefined || wrote < since) return false;
    const said = `You wrote in this conversation at ${sayDateTime(wrote, updates.words())}, before it was due; cancelled as set.`;
    const updated = store.update(
      recall.id,
      { status: 'cancelled', nextRunAt: null, lastOutcome: 'skipped', lastError: said },
      {
        recallId: recall.id,
        sessionId: recall.sessionId,
        dueAt: recall.nextRunAt ?? now,
        startedAt: now,
        finishedAt: now,
        outcome: 'skipped',
        error: said,
      },
    );
    if (!updated) return false;
    updates.changed(updated);
    updates.note(recall.sessionId, cancelledByReplyNote(recall, wrote, updates.words()));
    this.options.arm();
    return true;
  }
}
