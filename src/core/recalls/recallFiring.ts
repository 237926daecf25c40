import { RpcError } from '../../shared/rpc';
import type { Logger } from '../ports';
import type { Orchestrator } from '../sessions/orchestrator';
import { readableError } from '../sessions/readableError';
import { nextTurn } from '../turns';
import type { RunOutcome } from '../sessions/sessionChannel';
import type { CancelOnReply } from './cancelOnReply';
import { handleMissedRun } from './missedRuns';
import type { OwedWrites } from './owedWrites';
import type { RecallStore, StoredRecall } from './recallStore';
import type { RecallUpdates } from './recallUpdates';
import type { RunRecord, RunRecords } from './runRecords';
import type { RunEnd } from './runVerdict';
import type { SchedulerHealth } from './schedulerHealth';

/** Due recalls read at a time when firing (one run starts per turn). */
const FIRE_BATCH = 4;

export interface RecallFiringOptions {
  readonly recalls: RecallStore;
  readonly orchestrator: Orchestrator;
  readonly logger: Logger;
  readonly newId: () => string;
  readonly health: SchedulerHealth;
  readonly updates: RecallUpdates;
  readonly records: RunRecords;
  readonly owed: OwedWrites;
  readonly cancelOnReply: CancelOnReply;
  /** How long to wait when a user run is active in the recall's session. */
  readonly deferMs: number;
  /** Later than this past its due time, a run counts as missed (Navi was closed or asleep). */
  readonly missedAfterMs: number;
  /** A fired run ended (called from a promise callback; it must not throw). */
  readonly runEnded: (record: Omit<RunRecord, 'end'>, outcome: RunOutcome) => void;
}

/**
 * Starts due recalls' runs: claims each (pending -> running, with the ids of its prompt and reply)
 * before it fires, one run per turn, and waits its turn behind another run in its conversation.
 */
export class RecallFiring {
  /** Conversations where a recall's run is going on, with how many (a second one waits its turn). */
  private readonly runningIn = new Map<string, number>();
  /** Due recalls waiting for another recall's run in their conversation to end (not deferred 60 s). */
  private readonly waitingTurn = new Set<string>();

  constructor(private readonly options: RecallFiringOptions) {}

  /** Due recalls that only wait for another recall's run to end (that run's end re-arms the timer). */
  get waitingTurnIds(): string[] {
    return [...this.waitingTurn];
  }

  /**
   * Handles what is due, but starts at most one run per turn: the engine asks for the next turn of
   * the event loop (not a 0 ms timer, see RecallEngine.setTimer), so many recalls due at once do not
   * hold the core's thread for the whole batch.
   */
  fireDue(now: number): void {
    this.waitingTurn.clear();
    const handled = new Set<string>();
    for (;;) {
      // Past the ones handled this turn: those waiting for another run stay due, and a batch of
      // only them must not end the turn while others are due behind them (that asked for the next
      // turn forever and kept those others waiting). A few at a time: usually the first one starts a run.
      const limit = handled.size + FIRE_BATCH;
      const due = this.options.recalls.due(now, limit);
      for (const recall of due) {
        if (handled.has(recall.id)) continue;
        handled.add(recall.id);
        if (this.fire(recall, now)) return;
      }
      if (due.length < limit) return;
    }
  }

  /** Fires one due recall, or moves it on; true when a run started. */
  private fire(recall: StoredRecall, now: number): boolean {
    const { recalls: store, orchestrator } = this.options;
    const dueAt = recall.nextRunAt ?? now;
    if (this.options.cancelOnReply.ifReplied(recall, now)) return false;
    // Late because a storage fault held it (Navi was running all along) is not missed.
    const held = this.options.health.state.problem?.waitingRecallIds.includes(recall.id) ?? false;
    const late = now - dueAt > this.options.missedAfterMs && !held;
    if (late && recall.attempts === 0 && handleMissedRun(this.options, recall, dueAt, now)) return false;
    if (orchestrator.isBusy(recall.sessionId)) {
      // Behind another recall's run: next in line as soon as it ends. Behind a person's: a minute later.
      if (this.runningIn.has(recall.sessionId)) this.waitingTurn.add(recall.id);
      else this.defer(recall, dueAt, now);
      return false;
    }
    // A retry re-runs from the prompt of the failed try and replaces its reply, when nothing came after.
    const rerun =
      recall.attempts > 0 &&
      recall.promptId !== null &&
      recall.replyId !== null &&
      orchestrator.canRerun(recall.sessionId, recall.promptId, recall.replyId);
    const ids = rerun
      ? { promptId: recall.promptId!, replyId: recall.replyId! }
      : { promptId: this.options.newId(), replyId: this.options.newId() };
    if (!store.claim(recall.id, ids)) return false;
    let run;
    try {
      // The recall's unattended policy rules when a tool or a server needs a person's answer.
      const context = { recallId: recall.id, unattendedPolicy: recall.unattendedPolicy };
      run = rerun
        ? orchestrator.rerun(recall.sessionId, ids.promptId, ids.replyId, 'recall', context)
        : orchestrator.startRun(recall.sessionId, recall.message, 'recall', [], { ...ids, recall: context });
    } catch (error) {
      if (error instanceof RpcError && error.code === 'busy') {
        this.defer(recall, dueAt, now, 'running');
        return false;
      }
      if (isPassingStorageFault(error)) {
        // Nothing ran (the prompt could not be written): not a try. It waits, and the engine waits
        // out the fault (shown as its health), then fires it.
        this.options.owed.owe(recall.id, () => store.update(recall.id, { status: 'pending', fireSlot: null }));
        throw error;
      }
      // It could not start for another reason (its conversation is gone, a damaged search index):
      // one failed try, retried with backoff like any other failure, never again in this tick.
      this.options.logger.warn(`Recall ${recall.id} could not start:`, error);
      const end: RunEnd = { kind: 'failed', error: `It could not start: ${readableError(error)}` };
      this.options.records.recordOrOwe({ recallId: recall.id, dueAt, startedAt: now, runId: null, end });
      return false;
    }
    const claimed = store.get(recall.id);
    if (claimed) this.options.updates.changed(claimed);
    const record = { recallId: recall.id, dueAt, startedAt: now, runId: run.runId };
    const { sessionId } = recall;
    this.runningIn.set(sessionId, (this.runningIn.get(sessionId) ?? 0) + 1);
    // Recorded a pass of the event loop after the run stored its reply (the run's end had that
    // pass to itself; crash recovery records a run whose reply was stored complete).
    void run.done.then(nextTurnWith).then((outcome) => {
      const left = (this.runningIn.get(sessionId) ?? 1) - 1;
      if (left > 0) this.runningIn.set(sessionId, left);
      else this.runningIn.delete(sessionId);
      // The ones waiting for their turn are due again: the next tick (in the next turn) fires the next.
      this.waitingTurn.clear();
      this.options.runEnded(record, outcome);
    });
    return true;
  }

  /** A user run is active in the session: try again later, never drop. */
  private defer(recall: StoredRecall, dueAt: number, now: number, from: 'pending' | 'running' = 'pending'): void {
    const { deferMs } = this.options;
    const updated = this.options.recalls.update(
      recall.id,
      { status: 'pending', nextRunAt: now + deferMs, ...(from === 'running' ? { fireSlot: null } : {}) },
      {
        recallId: recall.id,
        sessionId: recall.sessionId,
        dueAt,
        startedAt: now,
        finishedAt: now,
        outcome: 'deferred',
        error: `A reply was being written in this conversation; trying again ${Math.round(deferMs / 1000)} seconds later.`,
      },
    );
    if (updated) this.options.updates.changed(updated);
  }
}

/** `value`, a later pass of the event loop (turns.ts). */
async function nextTurnWith<T>(value: T): Promise<T> {
  await nextTurn();
  return value;
}

/**
 * A storage failure that passes by itself (a full disk, a read-only or busy database, an I/O error):
 * the scheduler waits it out. A damaged database or index does not pass; such a start failure is a
 * failed try like any other.
 */
function isPassingStorageFault(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN)/.test(code);
}
