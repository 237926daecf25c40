import { Icon } from '../common/Icon';
import { useConversationActions } from './conversationActions';

interface BranchNavProps {
  readonly messageId: string;
  /** The message's versions (it and its siblings), oldest first. */
  readonly versions: readonly string[];
}

/** "‹ 2 / 3 ›" under a message with other versions: pages through them in every window. */
export function BranchNav({ messageId, versions }: BranchNavProps) {
  const actions = useConversationActions();
  const index = versions.indexOf(messageId);
  if (index < 0 || versions.length < 2) return null;
  const previous = versions[index - 1];
  const next = versions[index + 1];
  const disabled = !actions || actions.busy;
  return (
    <span className="branch-nav" role="group" aria-label="Versions">
      <button
        type="button"
        className="icon-button"
        aria-label="Previous version"
        title="Previous version"
        disabled={disabled || previous === undefined}
        onClick={() => previous && actions?.switchTo(previous)}
      >
        <Icon name="chevronLeft" size={14} />
      </button>
      <span className="branch-count">
        {index + 1} / {versions.length}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Next version"
        title="Next version"
        disabled={disabled || next === undefined}
        onClick={() => next && actions?.switchTo(next)}
      >
        <Icon name="chevronRight" size={14} />
      </button>
    </span>
  );
}
