import type { Message } from '../../../../shared/contract';
import { Icon } from '../common/Icon';
import { MessageParts } from './MessageParts';

interface AssistantMessageProps {
  readonly message: Message;
  readonly streaming: boolean;
  readonly onRetry?: () => void;
}

/** Navi's reply: streamed or stored; marked when a recall started it or when it was cut short. */
export function AssistantMessage({ message, streaming, onRetry }: AssistantMessageProps) {
  const hasError = message.parts.some((part) => part.type === 'error');
  const stopped = !streaming && message.status === 'partial' && !hasError;
  return (
    <article
      className={`message assistant${message.origin === 'recall' ? ' from-recall' : ''}`}
      aria-label="Navi"
      aria-busy={streaming}
    >
      {message.origin === 'recall' && (
        <div className="message-badge">
          <Icon name="clock" size={12} /> Reply to a recall
        </div>
      )}
      <MessageParts parts={message.parts} streaming={streaming} onRetry={onRetry} />
      {streaming && message.parts.length === 0 && <p className="thinking">Navi is thinking…</p>}
      {stopped && (
        <p className="message-note">
          {message.parts.length === 0 ? 'Stopped before Navi replied.' : 'Stopped — this reply is incomplete.'}
        </p>
      )}
    </article>
  );
}
