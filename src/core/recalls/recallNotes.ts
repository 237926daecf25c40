import type { Recall } from '../../shared/contract';
import { sayDateTime, timeOfDay, type TimeWordsOptions } from '../../shared/time/timeWords';

/**
 * What the scheduler writes into a conversation when something happened that the person did not
 * see: a missed run, a run cut short by Navi closing. Stored text, so every time in it is a fixed
 * local date and time ("9:00 AM on Tue, 25 Nov"), never "today", which would go stale.
 */

export function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 200) ?? '';
}

function quoted(recall: Pick<Recall, 'message'>): string {
  return `“${firstLine(recall.message)}”`;
}

function missedSince(missed: number): string {
  return missed > 1 ? ` (${missed} runs were due since then)` : '';
}

/** A run was due while Navi was closed or asleep; it runs once now. */
export function catchUpNote(
  recall: Pick<Recall, 'message'>,
  dueAt: number,
  missed: number,
  words: TimeWordsOptions,
): string {
  return (
    `Navi was closed or asleep when the recall ${quoted(recall)} was due at ${sayDateTime(dueAt, words)}` +
    `${missedSince(missed)}. Running it once now, at ${timeOfDay(words.now, words)}.`
  );
}

/** A run was due while Navi was closed or asleep, and the recall skips missed runs. */
export function skippedNote(
  recall: Pick<Recall, 'message'>,
  dueAt: number,
  missed: number,
  next: number | undefined,
  words: TimeWordsOptions,
): string {
  return (
    `The recall ${quoted(recall)} was due at ${sayDateTime(dueAt, words)}${missedSince(missed)} while Navi was ` +
    `closed or asleep, so it was skipped, as it is set to do. ` +
    (next === undefined ? 'It will not run.' : `Its next run is at ${sayDateTime(next, words)}.`)
  );
}

/** The person wrote in the conversation before the recall was due, and it is set to cancel then. */
export function cancelledByReplyNote(
  recall: Pick<Recall, 'message'>,
  wroteAt: number,
  words: TimeWordsOptions,
): string {
  return (
    `The recall ${quoted(recall)} was cancelled because you wrote in this conversation at ` +
    `${sayDateTime(wroteAt, words)}, before it was due, as it was set to do.`
  );
}

/** Navi closed (or crashed) while the recall's run was in progress. */
export function interruptedNote(
  recall: Pick<Recall, 'message' | 'kind'>,
  outcome: {
    readonly attempts: number;
    readonly maxAttempts: number;
    readonly retryAt?: number;
    readonly next?: number;
  },
  words: TimeWordsOptions,
): string {
  const start = `Navi closed while the recall ${quoted(recall)} was running.`;
  if (outcome.retryAt !== undefined) {
    return (
      `${start} That counts as one failed try (${outcome.attempts} of ${outcome.maxAttempts}); ` +
      `it will run again at ${sayDateTime(outcome.retryAt, words)}.`
    );
  }
  const gaveUp = `That was try ${outcome.attempts} of ${outcome.maxAttempts}, so Navi stopped trying`;
  return outcome.next === undefined
    ? `${start} ${gaveUp}; use Run now in its recall list if it is still needed.`
    : `${start} ${gaveUp} for this time; its next run is at ${sayDateTime(outcome.next, words)}.`;
}
