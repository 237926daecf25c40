import { useMemo } from 'react';
import { useSessionListStore } from '../../stores/sessionListStore';
import { ConversationListItem } from './ConversationListItem';

interface ConversationListProps {
  readonly query: string;
  readonly currentId: string | undefined;
}

/** The conversations, newest activity first, filtered by title. */
export function ConversationList({ query, currentId }: ConversationListProps) {
  const sessions = useSessionListStore((state) => state.sessions);
  const loaded = useSessionListStore((state) => state.loaded);
  const error = useSessionListStore((state) => state.error);
  const needle = query.trim().toLowerCase();
  const shown = useMemo(
    () => (needle ? sessions.filter((session) => session.title.toLowerCase().includes(needle)) : sessions),
    [sessions, needle],
  );
  return (
    <div className="conversation-list-wrap">
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <ul className="conversation-list" aria-label="Conversations">
        {shown.map((session) => (
          <ConversationListItem key={session.id} session={session} current={session.id === currentId} />
        ))}
      </ul>
      {loaded && shown.length === 0 && (
        <p className="muted list-empty">{needle ? 'No conversation title matches.' : 'No conversations yet.'}</p>
      )}
    </div>
  );
}
