import type { Recall } from '../../shared/contract';
import type { StoredRecall } from './recallStore';
import { scheduleInWords } from './schedule';

/**
 * A recall as windows and the agent see it, without the scheduler's own bookkeeping, and with its
 * schedule in words local to the person's zone.
 */
export function publicRecall(
  { fireSlot: _slot, promptId: _prompt, replyId: _reply, ...recall }: StoredRecall,
  words: { readonly now: number; readonly timeZone: string },
): Recall {
  return { ...recall, scheduleWords: scheduleInWords(recall, words) };
}
