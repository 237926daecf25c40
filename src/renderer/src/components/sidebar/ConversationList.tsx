import { useMemo } from 'react';
import { useConversationSearch } from '../../hooks/useConversationSearch';
import { useSessionListStore } from '../../stores/sessionListStore';
import { ConversationListItem } from './ConversationListItem';

interface ConversationListProps {
  readonly query: string;
  readonly currentId: string | undefined;
}

/**
 * The conversations, newest activity first. While searching: title matches at once (local), then
 * the core's search over titles and message text, best first, with the matching text shown.
 */
export function ConversationList({ query, currentId }: ConversationListProps) {
  const sessions = useSessionListStore((state) => state.sessions);
  const loaded = useSessionListStore((state) => state.loaded);
  const error = useSessionListStore((state) => state.error);
  const needle = query.trim().toLowerCase();
  const search = useConversationSearch(query);
  const shown = useMemo(() => {
    if (!needle) return sessions;
    if (search.matches) {
      const byId = new Map(sessions.map((session) => [session.id, session]));
      return [...search.matches.keys()].flatMap((id) => byId.get(id) ?? []);
    }
    return sessions.filter((session) => session.title.toLowerCase().includes(needle));
  }, [sessions, needle, search.matches]);
  return (
    <div className="conversation-list-wrap">
      {(error ?? search.error) && (
        <p className="inline-error" role="alert">
          {error ?? search.error}
        </p>
      )}
      <ul className="conversation-list" aria-label="Conversations">
        {shown.map((session) => (
          <ConversationListItem
            key={session.id}
            session={session}
            current={session.id === currentId}
            snippet={search.matches?.get(session.id) ?? undefined}
          />
        ))}
      </ul>
      {loaded && shown.length === 0 && (
        <p className="muted list-empty">{needle ? 'No conversation matches.' : 'No conversations yet.'}</p>
      )}
    </div>
  );
}
