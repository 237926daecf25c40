import { messageText, type RecallOutcome } from '../../shared/contract';
import { replyExcerpt } from '../../shared/recalls/recallNotice';
import { sayDuration } from '../../shared/time/timeWords';
import type { RunOutcome } from '../sessions/sessionChannel';
import type { RecallChange, StoredRecall } from './recallStore';
import { nextSlotAfter } from './schedule';

export interface RetryPolicy {
  /** Tries per due slot before giving up. */
  readonly maxAttempts: number;
  /** The first retry delay; each later one is four times longer. */
  readonly retryBaseMs: number;
}

/** How one run of a recall ended, as far as the recall is concerned. */
export type RunEnd =
  | { readonly kind: 'completed'; readonly reply: string }
  | { readonly kind: 'max_iterations'; readonly reply: string; readonly error: string }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'failed'; readonly error: string }
  /** It waited for a person's OK to run a tool (the recall's unattended policy) and none came. */
  | { readonly kind: 'unanswered'; readonly error: string }
  /** Navi closed or crashed while it ran: one failed try. */
  | { readonly kind: 'interrupted' };

export function runEndOf(outcome: RunOutcome): RunEnd {
  const reply = outcome.message ? replyExcerpt(messageText(outcome.message)) : '';
  if (outcome.status === 'completed') return { kind: 'completed', reply };
  if (outcome.errorKind === 'max_iterations') {
    return { kind: 'max_iterations', reply, error: outcome.error ?? 'It stopped at the step limit.' };
  }
  if (outcome.errorKind === 'approval_timeout') {
    return { kind: 'unanswered', error: outcome.error ?? 'Nobody answered in time.' };
  }
  if (outcome.status === 'stopped')
    return outcome.errorKind === 'shutdown' ? { kind: 'interrupted' } : { kind: 'stopped' };
  return { kind: 'failed', error: outcome.error ?? 'The run failed.' };
}

/** What a finished run means for its recall: the next state, the history outcome, and who to tell. */
export interface RunVerdict {
  readonly change: RecallChange;
  readonly result: RecallOutcome;
  readonly error: string | null;
  /** Tell people: it fired, or it gave up. Undefined: nothing to tell (a retry, or a person stopped it). */
  readonly notify: 'fired' | 'failed' | undefined;
  /** For a retry: when. */
  readonly retryAt?: number;
  readonly attempts: number;
}

export const INTERRUPTED_ERROR = 'Navi closed while it was running.';
export const STOPPED_ERROR = 'Stopped before it finished.';

/**
 * The next slot of a recurring recall after `now`, unless its end has come: its last run (after N
 * runs, counting `runs`) or its end time is before the next slot.
 */
export function nextSlotWithinEnd(
  recall: Pick<
    StoredRecall,
    'kind' | 'triggerAt' | 'intervalSeconds' | 'cronExpression' | 'timeZone' | 'endsAt' | 'maxRuns'
  >,
  now: number,
  runs: number,
): number | undefined {
  if (recall.maxRuns !== null && runs >= recall.maxRuns) return undefined;
  const next = nextSlotAfter(recall, now);
  if (next === undefined || (recall.endsAt !== null && next > recall.endsAt)) return undefined;
  return next;
}

/** A recall whose slot is over (it ran): done if it was the last one, else pending at its next slot. */
function movedOn(recall: StoredRecall, now: number): RecallChange {
  const runCount = recall.runCount + 1;
  const next = nextSlotWithinEnd(recall, now, runCount);
  return {
    status: next === undefined ? 'done' : 'pending',
    nextRunAt: next ?? null,
    attempts: 0,
    promptId: null,
    replyId: null,
    runCount,
  };
}

/**
 * A completed run, or one that hit max iterations, fired: a one-time recall is done, a recurring one
 * moves to its next slot, and people are told. One a person stopped moves on the same way, told to
 * nobody (they were there). One that waited for a person's OK in vain moves on too, told as a
 * failure. A failure or an interruption retries with backoff, then gives up: failed (one-time) or
 * the next slot (recurring).
 */
export function judgeRun(recall: StoredRecall, end: RunEnd, now: number, policy: RetryPolicy): RunVerdict {
  if (end.kind === 'completed' || end.kind === 'max_iterations' || end.kind === 'stopped') {
    return {
      change: movedOn(recall, now),
      result: end.kind === 'completed' ? 'success' : end.kind,
      error: end.kind === 'max_iterations' ? end.error : end.kind === 'stopped' ? STOPPED_ERROR : null,
      notify: end.kind === 'stopped' ? undefined : 'fired',
      attempts: 0,
    };
  }
  if (end.kind === 'unanswered') {
    // Asking again at once would only repeat the wait: the recall moves on, and people are told.
    return {
      change: movedOn(recall, now),
      result: 'failed',
      error: end.error,
      notify: 'failed',
      attempts: 0,
    };
  }
  const reason = end.kind === 'interrupted' ? INTERRUPTED_ERROR : end.error;
  const attempts = recall.attempts + 1;
  if (attempts < policy.maxAttempts) {
    const retryAt = now + policy.retryBaseMs * 4 ** (attempts - 1);
    return {
      change: { status: 'pending', nextRunAt: retryAt, attempts },
      result: end.kind,
      error: `${reason} (try ${attempts} of ${policy.maxAttempts}; trying again ${sayDuration(retryAt - now)} later)`,
      notify: undefined,
      retryAt,
      attempts,
    };
  }
  const runCount = recall.runCount + 1;
  const next = nextSlotWithinEnd(recall, now, runCount);
  return {
    change:
      next === undefined
        ? { status: 'failed', nextRunAt: null, attempts, promptId: null, replyId: null, runCount }
        : { status: 'pending', nextRunAt: next, attempts: 0, promptId: null, replyId: null, runCount },
    result: end.kind,
    error: `${reason} (gave up after ${attempts} tries)`,
    notify: 'failed',
    attempts,
  };
}
