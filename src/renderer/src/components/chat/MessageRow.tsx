import { memo } from 'react';
import type { Message, RunStatus } from '../../../../shared/contract';
import { AssistantMessage } from './AssistantMessage';
import { SystemNote } from './SystemNote';
import { UserMessage } from './UserMessage';

interface MessageRowProps {
  readonly message: Message;
  readonly streaming: boolean;
  readonly waiting?: RunStatus;
  readonly onRetry?: () => void;
  /** The message and its siblings when it has other versions (the same array until they change). */
  readonly versions?: readonly string[];
  readonly canRegenerate: boolean;
}

/**
 * One message's content in the list (its row is the list's). Memoised on the message object: a delta replaces only the live reply,
 * so the rest of a long conversation does not render again while a reply streams.
 */
export const MessageRow = memo(function MessageRow({
  message,
  streaming,
  waiting,
  onRetry,
  versions,
  canRegenerate,
}: MessageRowProps) {
  return message.role === 'user' ? (
    <UserMessage message={message} versions={versions} />
  ) : message.role === 'system' ? (
    <SystemNote message={message} />
  ) : (
    <AssistantMessage
      message={message}
      streaming={streaming}
      waiting={waiting}
      onRetry={onRetry}
      versions={versions}
      canRegenerate={canRegenerate}
    />
  );
});
