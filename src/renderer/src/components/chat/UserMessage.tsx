import { useState } from 'react';
import type { Message } from '../../../../shared/contract';
import { messageText } from '../../../../shared/contract/display';
import { MessageAttachments } from '../attachments/MessageAttachments';
import { Icon } from '../common/Icon';
import { useConversationActions } from './conversationActions';
import { EditMessageForm } from './EditMessageForm';
import { MessageResources } from './MessageResources';
import { MessageToolbar } from './MessageToolbar';

interface UserMessageProps {
  readonly message: Message;
  readonly versions: readonly string[] | undefined;
}

/**
 * What a person wrote, as plain text; a recall's prompt is marked as coming from the recall. Your
 * own messages can be edited: sending the edit starts a new branch from there.
 */
export function UserMessage({ message, versions }: UserMessageProps) {
  const actions = useConversationActions();
  const [editing, setEditing] = useState(false);
  const fromRecall = message.origin === 'recall';
  const text = messageText(message);
  return (
    <div className="message-with-toolbar user">
      <article
        className={`message user${fromRecall ? ' from-recall' : ''}${editing ? ' editing' : ''}`}
        aria-label={fromRecall ? 'Recall' : 'You'}
      >
        {fromRecall && (
          <div className="message-badge">
            <Icon name="clock" size={12} /> Recall fired
          </div>
        )}
        {editing && actions ? (
          <EditMessageForm
            initial={text}
            busy={actions.busy}
            onCancel={() => setEditing(false)}
            onSend={async (edited) => {
              const sent = await actions.edit(message.id, edited);
              if (sent) setEditing(false);
              return sent;
            }}
          />
        ) : (
          <>
            <MessageAttachments parts={message.parts} />
            {text.length > 0 && <div className="user-text">{text}</div>}
          </>
        )}
        <MessageResources parts={message.parts} />
      </article>
      {!editing && (
        <MessageToolbar
          message={message}
          versions={versions}
          canRegenerate={false}
          onEdit={fromRecall || !actions ? undefined : () => setEditing(true)}
        />
      )}
    </div>
  );
}
