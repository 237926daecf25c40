import type { RecallOutcome } from '../../shared/contract';
import type { RunOutcome } from '../sessions/orchestrator';
import type { RecallChange, StoredRecall } from './recallStore';
import { nextSlotAfter } from './schedule';

export interface RetryPolicy {
  /** Tries per due slot before giving up. */
  readonly maxAttempts: number;
  /** The first retry delay; each later one is four times longer. */
  readonly retryBaseMs: number;
}

/** What a finished run means for its recall: the next state, the history outcome, and who to tell. */
export interface RunVerdict {
  readonly change: RecallChange;
  readonly result: RecallOutcome;
  readonly error: string | null;
  /** Tell people: it fired, it gave up, or (undefined) it will retry quietly. */
  readonly notify: 'fired' | 'failed' | undefined;
}

/**
 * A completed run, one that hit max iterations, or one a person stopped counts as fired: a one-time
 * recall is done, a recurring one moves to its next slot. A failure retries with backoff, then gives
 * up: failed (one-time) or the next slot (recurring).
 */
export function judgeRun(recall: StoredRecall, outcome: RunOutcome, now: number, policy: RetryPolicy): RunVerdict {
  const fired =
    outcome.status === 'completed' || outcome.errorKind === 'max_iterations' || outcome.status === 'stopped';
  if (fired) {
    const next = nextSlotAfter(recall, now);
    return {
      change: { status: next === undefined ? 'done' : 'pending', nextRunAt: next ?? null, attempts: 0 },
      result:
        outcome.status === 'completed'
          ? 'success'
          : outcome.errorKind === 'max_iterations'
            ? 'max_iterations'
            : 'failed',
      error: outcome.status === 'stopped' ? 'Stopped before it finished.' : (outcome.error ?? null),
      notify: 'fired',
    };
  }
  const reason = outcome.error ?? 'The run failed.';
  const attempts = recall.attempts + 1;
  if (attempts < policy.maxAttempts) {
    const retryAt = now + policy.retryBaseMs * 4 ** (attempts - 1);
    return {
      change: { status: 'pending', nextRunAt: retryAt, attempts },
      result: 'failed',
      error: `${reason} (try ${attempts} of ${policy.maxAttempts}; retrying at ${new Date(retryAt).toISOString()})`,
      notify: undefined,
    };
  }
  const next = nextSlotAfter(recall, now);
  return {
    change:
      next === undefined
        ? { status: 'failed', nextRunAt: null, attempts }
        : { status: 'pending', nextRunAt: next, attempts: 0 },
    result: 'failed',
    error: `${reason} (gave up after ${attempts} tries)`,
    notify: 'failed',
  };
}
