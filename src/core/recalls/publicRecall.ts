import type { Recall } from '../../shared/contract';
import type { StoredRecall } from './recallStore';

/** A recall as windows and the agent see it, without the scheduler's own bookkeeping. */
export function publicRecall({ fireSlot: _slot, promptId: _prompt, replyId: _reply, ...recall }: StoredRecall): Recall {
  return recall;
}
