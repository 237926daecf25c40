import { messageText, type Message } from '../../../../shared/contract';
import { MessageAttachments } from '../attachments/MessageAttachments';
import { Icon } from '../common/Icon';
import { MessageResources } from './MessageResources';

/** What a person wrote, as plain text; a recall's prompt is marked as coming from the recall. */
export function UserMessage({ message }: { readonly message: Message }) {
  const fromRecall = message.origin === 'recall';
  const text = messageText(message);
  return (
    <article className={`message user${fromRecall ? ' from-recall' : ''}`} aria-label={fromRecall ? 'Recall' : 'You'}>
      {fromRecall && (
        <div className="message-badge">
          <Icon name="clock" size={12} /> Recall fired
        </div>
      )}
      <MessageAttachments parts={message.parts} />
      {text.length > 0 && <div className="user-text">{text}</div>}
      <MessageResources parts={message.parts} />
    </article>
  );
}
