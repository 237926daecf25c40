import type { Clock } from '../ports';
import type { OwedWrites } from './owedWrites';
import type { RecallNotifications } from './recallNotifications';
import type { RecallStore } from './recallStore';
import type { RecallUpdates } from './recallUpdates';
import { judgeRun, type RetryPolicy, type RunEnd, type RunVerdict } from './runVerdict';

/** How a fired run ended, waiting to be recorded. */
export interface RunRecord {
  readonly recallId: string;
  readonly dueAt: number;
  readonly startedAt: number;
  readonly runId: string | null;
  readonly end: RunEnd;
}

export interface RunRecordsOptions {
  readonly recalls: RecallStore;
  readonly clock: Clock;
  readonly policy: RetryPolicy;
  readonly updates: RecallUpdates;
  readonly notifications: RecallNotifications;
  readonly owed: OwedWrites;
}

/** Records how a recall's run ended: its next state and its history row, in one transaction. */
export class RunRecords {
  constructor(private readonly options: RunRecordsOptions) {}

  /** Records a run's end, or keeps it to record once storage works again (then rethrows). */
  recordOrOwe(record: RunRecord): void {
    this.options.owed.owe(record.recallId, () => this.record(record));
  }

  /** Moves the recall to its next state and records the run, in one transaction; tells people. */
  record(record: RunRecord, notify = true): RunVerdict | undefined {
    const { recalls: store, updates } = this.options;
    const recall = store.get(record.recallId);
    if (!recall) return undefined; // deleted meanwhile (with its conversation)
    const now = this.options.clock.now();
    // Paused or cancelled while it ran: keep that; only the outcome is recorded.
    const stillScheduled = recall.status === 'running';
    const verdict = judgeRun(recall, record.end, now, this.options.policy);
    const updated = store.update(
      recall.id,
      {
        ...(stillScheduled ? verdict.change : {}),
        fireSlot: null,
        lastRunAt: now,
        lastOutcome: verdict.result,
        lastError: verdict.error,
      },
      {
        recallId: recall.id,
        sessionId: recall.sessionId,
        dueAt: record.dueAt,
        startedAt: record.startedAt,
        finishedAt: now,
        runId: record.runId,
        outcome: verdict.result,
        error: verdict.error,
      },
    );
    if (updated) updates.changed(updated);
    const snoozable = updated?.status === 'pending' && updated.nextRunAt !== null;
    if (notify && verdict.notify) this.options.notifications.notify(recall, verdict, record.end, snoozable);
    return verdict;
  }
}
