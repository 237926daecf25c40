import type { Message } from '../../../../shared/contract';
import { messageMarkdown } from '../../../../shared/export/markdown';
import { Icon } from '../common/Icon';
import { BranchNav } from './BranchNav';
import { useConversationActions } from './conversationActions';
import { CopyButton } from './CopyButton';
import { UsageNote } from './UsageNote';
import './conversation.css';

interface MessageToolbarProps {
  readonly message: Message;
  /** The message's versions when it has siblings. */
  readonly versions: readonly string[] | undefined;
  /** Replies: whether a new version can be written (it answers a message). */
  readonly canRegenerate: boolean;
  /** Your messages: opens the editor. */
  readonly onEdit?: () => void;
}

/** Under a message: its versions, Copy, and Edit (yours) or Regenerate (Navi's); token use discreetly. */
export function MessageToolbar({ message, versions, canRegenerate, onEdit }: MessageToolbarProps) {
  const actions = useConversationActions();
  const busy = !actions || actions.busy;
  return (
    <div className={`message-toolbar ${message.role}`}>
      {versions && <BranchNav messageId={message.id} versions={versions} />}
      <CopyButton label="Copy message" text={() => messageMarkdown(message)} />
      {onEdit && (
        <button type="button" className="icon-button" aria-label="Edit" title="Edit" disabled={busy} onClick={onEdit}>
          <Icon name="pencil" size={14} />
        </button>
      )}
      {canRegenerate && (
        <button
          type="button"
          className="icon-button"
          aria-label="Regenerate"
          title="Regenerate"
          disabled={busy}
          onClick={() => actions?.regenerate(message.id)}
        >
          <Icon name="refresh" size={14} />
        </button>
      )}
      {message.usage && <UsageNote usage={message.usage} model={message.model} />}
    </div>
  );
}
