import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '../../lib/apiContext';
import { useSessionListStore } from '../../stores/sessionListStore';

/**
 * Looks up conversations' titles by id: from the sidebar's live list, and for those it has not
 * loaded (older pages, archived ones) from the core, once each.
 */
export function useConversationTitles(sessionIds: readonly string[]): (sessionId: string) => string {
  const api = useApi();
  const sessions = useSessionListStore((state) => state.sessions);
  const listed = useMemo(() => new Map(sessions.map((session) => [session.id, session.title])), [sessions]);
  const [fetched, setFetched] = useState<ReadonlyMap<string, string | null>>(new Map());
  const missing = useMemo(
    () => [...new Set(sessionIds)].filter((id) => !listed.has(id) && !fetched.has(id)),
    [sessionIds, listed, fetched],
  );
  useEffect(() => {
    if (missing.length === 0) return;
    let live = true;
    void Promise.all(
      missing.map((id) =>
        api.sessions.get({ id, limit: 1 }).then(
          (snapshot) =>
            [id, snapshot.session.archived ? `${snapshot.session.title} (archived)` : snapshot.session.title] as const,
          () => [id, null] as const,
        ),
      ),
    ).then((answers) => {
      if (live) setFetched((before) => new Map([...before, ...answers]));
    });
    return () => {
      live = false;
    };
  }, [api, missing]);
  return useCallback(
    (sessionId: string) => listed.get(sessionId) ?? fetched.get(sessionId) ?? 'A deleted conversation',
    [listed, fetched],
  );
}
