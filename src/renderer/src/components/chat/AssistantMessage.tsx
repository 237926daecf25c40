import type { Message, RunStatus } from '../../../../shared/contract';
import { Icon } from '../common/Icon';
import { MessageParts } from './MessageParts';
import { MessageToolbar } from './MessageToolbar';
import { ReplyWaitNotice } from './ReplyWaitNotice';

interface AssistantMessageProps {
  readonly message: Message;
  readonly streaming: boolean;
  /** While streaming: what it waits for (the model's first word, a retry). */
  readonly waiting?: RunStatus;
  readonly onRetry?: () => void;
  readonly versions: readonly string[] | undefined;
  /** It answers a message, so another version of it can be written. */
  readonly canRegenerate: boolean;
}

/** Navi's reply: streamed or stored; marked when a recall started it or when it was cut short. */
export function AssistantMessage({
  message,
  streaming,
  waiting,
  onRetry,
  versions,
  canRegenerate,
}: AssistantMessageProps) {
  const hasError = message.parts.some((part) => part.type === 'error');
  const stopped = !streaming && message.status === 'partial' && !hasError;
  const interrupted = !streaming && message.status === 'interrupted';
  return (
    <div className="message-with-toolbar assistant">
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
        <MessageParts sessionId={message.sessionId} parts={message.parts} streaming={streaming} onRetry={onRetry} />
        {streaming && (message.parts.length === 0 || waiting) && <ReplyWaitNotice status={waiting} />}
        {stopped && (
          <p className="message-note">
            {message.parts.length === 0 ? 'Stopped before Navi replied.' : 'Stopped — this reply is incomplete.'}
          </p>
        )}
        {interrupted && (
          <p className="message-note">
            Interrupted — Navi closed before this reply finished; this is what it had written.
          </p>
        )}
      </article>
      {!streaming && <MessageToolbar message={message} versions={versions} canRegenerate={canRegenerate} />}
    </div>
  );
}
