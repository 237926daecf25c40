import type { NaviServices, SessionSearchResult } from '../../shared/contract';
import { SESSION_PAGE_SIZE } from '../../shared/contract/limits';
import { RpcError } from '../../shared/rpc/errors';
import type { MessageSearch } from '../search/messageSearch';
import type { Orchestrator } from '../sessions/orchestrator';
import type { SessionStore } from '../store/sessionStore';

export interface SessionsServiceDeps {
  readonly store: SessionStore;
  readonly orchestrator: Orchestrator;
  readonly messageSearch: MessageSearch;
  /** Whether a profile exists now (a conversation can only be given one that does). */
  readonly profileExists: (id: string) => boolean;
}

/** Refuses a profile that does not exist, readably. */
export function requireProfile(profileExists: (id: string) => boolean, id: string | null | undefined): void {
  if (id && !profileExists(id)) {
    throw new RpcError('not_found', 'That profile does not exist (any more). Choose another one in Settings.');
  }
}

export function createSessionsService({
  store,
  orchestrator,
  messageSearch,
  profileExists,
}: SessionsServiceDeps): NaviServices['sessions'] {
  return {
    search: async ({ query }, { signal }) => {
      const found = await messageSearch.search(query, signal);
      // Conversations deleted since the worker read them are left out.
      const result = (sessionId: string, snippet: string | null, messageId: string | null) => {
        const session = store.getSession(sessionId);
        return session ? [{ session: orchestrator.summary(session), snippet, messageId }] : [];
      };
      return [
        ...found.titles.flatMap((id) => result(id, null, null)),
        ...found.messages.flatMap((match) => result(match.sessionId, match.snippet, match.messageId)),
      ] satisfies SessionSearchResult[];
    },
    list: (input) => {
      const page = { after: input?.after, limit: input?.limit ?? SESSION_PAGE_SIZE };
      const sessions = input?.view
        ? store.listView(input.view, page)
        : store.listSessions(input?.includeArchived ?? false, page);
      return sessions.map((s) => orchestrator.summary(s));
    },
    create: (input) => {
      requireProfile(profileExists, input?.profileId);
      const session = store.createSession(input?.title, input?.profileId ?? null);
      orchestrator.sessionCreated(session);
      return session;
    },
    update: ({ id, ...change }) => {
      requireProfile(profileExists, change.profileId);
      const session = store.updateSettings(id, change);
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
    setPinned: ({ id, pinned }) => {
      const session = store.setPinned(id, pinned);
      orchestrator.sessionChanged(session);
      return session;
    },
    markRead: ({ id }) => {
      store.requireSession(id);
      const changed = store.setUnread(id, false);
      if (changed) orchestrator.sessionChanged(store.requireSession(id));
      return { changed };
    },
    delete: ({ id }) => ({ deleted: orchestrator.deleteSession(id) }),
    get: ({ id, before, limit }) => orchestrator.snapshot(id, { before, limit }),
  };
}
