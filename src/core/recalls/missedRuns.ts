import type { RecallStore, StoredRecall } from './recallStore';
import { catchUpNote, skippedNote } from './recallNotes';
import type { RecallUpdates } from './recallUpdates';
import { nextSlotWithinEnd } from './runVerdict';
import { countSlots } from './schedule';

/**
 * A run missed while Navi was closed or asleep. `skip`: note it and move on (true). Catch up once:
 * note how many runs were missed and fire one now (false). Many missed slots collapse into one.
 */
export function handleMissedRun(
  options: { readonly recalls: RecallStore; readonly updates: RecallUpdates },
  recall: StoredRecall,
  dueAt: number,
  now: number,
): boolean {
  const { recalls: store, updates } = options;
  const missed = countSlots(recall, dueAt, now);
  const summary =
    missed > 1
      ? `${missed} runs were due while Navi was closed or asleep`
      : 'It was due while Navi was closed or asleep';
  if (recall.missedPolicy === 'skip') {
    const next = nextSlotWithinEnd(recall, now, recall.runCount);
    const updated = store.update(
      recall.id,
      {
        status: next === undefined ? 'done' : 'pending',
        nextRunAt: next ?? null,
        lastRunAt: now,
        lastOutcome: 'skipped',
        lastError: null,
      },
      {
        recallId: recall.id,
        sessionId: recall.sessionId,
        dueAt,
        startedAt: now,
        finishedAt: now,
        outcome: 'skipped',
        error: `${summary}; skipped.`,
      },
    );
    updates.note(recall.sessionId, skippedNote(recall, dueAt, missed, next, updates.words()));
    if (updated) updates.changed(updated);
    return true;
  }
  store.addRun({
    recallId: recall.id,
    sessionId: recall.sessionId,
    dueAt,
    startedAt: now,
    finishedAt: now,
    outcome: 'missed',
    error: `${summary}; running it once now.`,
  });
  updates.note(recall.sessionId, catchUpNote(recall, dueAt, missed, updates.words()));
  return false;
}
