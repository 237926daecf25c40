import type { NaviServices } from '../../shared/contract';
import type { Orchestrator } from '../sessions/orchestrator';
import type { SessionStore } from '../store/sessionStore';

export function createSessionsService(store: SessionStore, orchestrator: Orchestrator): NaviServices['sessions'] {
  return {
    search: ({ query }) =>
      store.search(query).map(({ session, snippet }) => ({ session: orchestrator.summary(session), snippet })),
    list: (input) => store.listSessions(input?.includeArchived ?? false).map((s) => orchestrator.summary(s)),
    create: (input) => {
      const session = store.createSession(input?.title);
      orchestrator.sessionChanged(session);
      return session;
    },
    rename: ({ id, title }) => {
      const session = store.renameSession(id, title);
      orchestrator.sessionChanged(session);
      return session;
    },
    setArchived: ({ id, archived }) => {
      const session = store.setArchived(id, archived);
      orchestrator.sessionChanged(session);
      return session;
    },
    delete: ({ id }) => ({ deleted: orchestrator.deleteSession(id) }),
    get: ({ id, before, limit }) => orchestrator.snapshot(id, { before, limit }),
  };
}
