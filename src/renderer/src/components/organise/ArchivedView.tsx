import { useCallback, useEffect, useState } from 'react';
import type { SessionSummary } from '../../../../shared/contract';
import { SESSION_PAGE_SIZE } from '../../../../shared/contract/limits';
import { sayWhen } from '../../../../shared/time/timeWords';
import { useNow } from '../../hooks/useNow';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { conversationRoute, routeHash } from '../../routing/route';
import { byRecentActivity } from '../../stores/sessionListStore';
import { Icon } from '../common/Icon';
import './organise.css';

/**
 * The archived conversations, newest activity first, a page at a time: open one to read it, or
 * Restore it to the list. Follows archiving and restoring in any window.
 */
export function ArchivedView() {
  const api = useApi();
  const now = useNow();
  const [sessions, setSessions] = useState<readonly SessionSummary[]>([]);
  const [state, setState] = useState<{ loading: boolean; complete: boolean; error?: string }>({
    loading: true,
    complete: false,
  });

  const load = useCallback(
    async (after?: SessionSummary) => {
      setState((current) => ({ ...current, loading: true, error: undefined }));
      try {
        const page = await api.sessions.list({
          view: 'archived',
          ...(after ? { after: { updatedAt: after.updatedAt, id: after.id } } : {}),
        });
        setSessions((current) => {
          const byId = new Map((after ? current : []).map((session) => [session.id, session]));
          for (const session of page) byId.set(session.id, session);
          return [...byId.values()].sort(byRecentActivity);
        });
        setState({ loading: false, complete: page.length < SESSION_PAGE_SIZE });
      } catch (error) {
        setState((current) => ({ ...current, loading: false, error: errorMessage(error) }));
      }
    },
    [api],
  );

  useEffect(() => {
    void load();
    const events = api.events.onAppEvent(undefined, (event) => {
      if (event.type === 'session-deleted') {
        setSessions((current) => current.filter((session) => session.id !== event.sessionId));
      } else if (event.type === 'session-changed') {
        setSessions((current) => {
          const others = current.filter((session) => session.id !== event.session.id);
          return event.session.archived ? [...others, event.session].sort(byRecentActivity) : others;
        });
      }
    });
    return () => events.dispose();
  }, [api, load]);

  const restore = (id: string): void => {
    api.sessions
      .setArchived({ id, archived: false })
      .catch((error: unknown) => setState((current) => ({ ...current, error: errorMessage(error) })));
  };

  return (
    <section className="archived-view" aria-label="Archived conversations">
      <h2>Archived</h2>
      <p className="muted">Archived conversations stay here, whole and searchable, until you restore or delete them.</p>
      {state.error && (
        <p className="inline-error" role="alert">
          {state.error}
        </p>
      )}
      {sessions.length > 0 && (
        <ul className="archived-list" aria-label="Archived conversations">
          {sessions.map((session) => (
            <li key={session.id}>
              <a href={routeHash(conversationRoute(session.id))} title={session.title}>
                {session.title}
              </a>
              <span className="archived-when">{sayWhen(session.updatedAt, { now })}</span>
              <button
                type="button"
                className="button subtle"
                aria-label={`Restore ${session.title}`}
                onClick={() => restore(session.id)}
              >
                <Icon name="refresh" /> Restore
              </button>
            </li>
          ))}
        </ul>
      )}
      {!state.loading && sessions.length === 0 && !state.error && <p className="muted">No archived conversations.</p>}
      {!state.complete && sessions.length > 0 && (
        <button type="button" className="button" disabled={state.loading} onClick={() => void load(sessions.at(-1))}>
          Show more
        </button>
      )}
    </section>
  );
}
