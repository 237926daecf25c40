import { useCallback, useMemo } from 'react';
import { useSessionListStore } from '../../stores/sessionListStore';

/** Looks up a conversation's title by id, from the sidebar's live list. */
export function useConversationTitles(): (sessionId: string) => string {
  const sessions = useSessionListStore((state) => state.sessions);
  const titles = useMemo(() => new Map(sessions.map((session) => [session.id, session.title])), [sessions]);
  return useCallback((sessionId: string) => titles.get(sessionId) ?? 'Archived conversation', [titles]);
}
