import type { Message } from '../../../../shared/contract';
import type { Conversation } from '../../sync/conversation';

/**
 * The message Retry regenerates when the branch's latest reply ended in an error and nothing runs
 * now: that failed reply (replaced by the new one), or, when the run left no reply, the prompt it
 * answered. Undefined when Retry does not apply.
 */
export function retryTarget(conversation: Conversation): string | undefined {
  if (conversation.live) return undefined;
  const { messages } = conversation;
  const last: Message | undefined = messages[messages.length - 1];
  if (last?.role === 'assistant' && last.parts.some((part) => part.type === 'error')) return last.id;
  if (conversation.orphanRunError !== undefined && last?.role === 'user') return last.id;
  return undefined;
}
