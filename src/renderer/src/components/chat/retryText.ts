import { messageText, type Message } from '../../../../shared/contract';
import type { Conversation } from '../../sync/conversation';

/**
 * The text to send again when the conversation's latest reply ended in an error and nothing runs
 * now: the last message a person (or recall) sent. Undefined when Retry does not apply.
 */
export function retryText(conversation: Conversation): string | undefined {
  if (conversation.live) return undefined;
  const { messages } = conversation;
  const last: Message | undefined = messages[messages.length - 1];
  const failed =
    conversation.orphanRunError !== undefined ||
    (last?.role === 'assistant' && last.parts.some((part) => part.type === 'error'));
  if (!failed) return undefined;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role === 'user') return messageText(message) || undefined;
  }
  return undefined;
}
