import { create } from 'zustand';
import type { AppEvent, NaviClient, SessionSummary } from '../../../shared/contract';
import { SESSION_PAGE_SIZE } from '../../../shared/contract/limits';
import { errorMessage } from '../lib/errorMessage';

interface SessionListStore {
  /** The pages loaded so far of the conversations neither pinned nor archived: newest activity first, ties by id (the core's order). */
  readonly sessions: readonly SessionSummary[];
  /** Every pinned conversation (not archived), newest activity first. */
  readonly pinned: readonly SessionSummary[];
  /** The first page is in. */
  readonly loaded: boolean;
  /** Every page is in: nothing older is left to load. */
  readonly complete: boolean;
  readonly loadingMore: boolean;
  readonly error: string | undefined;
  /** Bumped by every (re)load, so a page asked for before it is dropped when it comes. */
  readonly generation: number;
  /** (Re)loads from the first page: on the first connection and after a reconnection. */
  load(api: NaviClient): Promise<void>;
  /** Loads the page after the last conversation loaded, when there is one and none is on its way. */
  loadMore(api: NaviClient): Promise<void>;
  /** Folds an app-wide update (from any window) into the list. */
  apply(event: AppEvent): void;
}

export function byRecentActivity(a: SessionSummary, b: SessionSummary): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Puts a changed conversation where it now belongs. While older pages are still to come, one that
 * now sorts after the last loaded conversation is left to arrive with its page (so a page is never
 * missing one in its middle, nor shows one twice).
 */
function upsert(state: SessionListStore, session: SessionSummary): readonly SessionSummary[] {
  const others = state.sessions.filter((candidate) => candidate.id !== session.id);
  if (session.archived || session.pinned) return others;
  const last = others.at(-1);
  if (!state.complete && last && byRecentActivity(last, session) < 0) return others;
  return [...others, session].sort(byRecentActivity);
}

/** Each conversation once, in order: a page may repeat one that an update moved meanwhile. */
function merge(loaded: readonly SessionSummary[], page: readonly SessionSummary[]): SessionSummary[] {
  const byId = new Map(loaded.map((session) => [session.id, session]));
  for (const session of page) if (!byId.has(session.id)) byId.set(session.id, session);
  return [...byId.values()].sort(byRecentActivity);
}

/** The pinned list after a change: in it (in order) while pinned and not archived. */
function upsertPinned(pinned: readonly SessionSummary[], session: SessionSummary): readonly SessionSummary[] {
  const others = pinned.filter((candidate) => candidate.id !== session.id);
  return session.pinned && !session.archived ? [...others, session].sort(byRecentActivity) : others;
}

/** Every pinned conversation, page after page (people pin a handful; the pages bound each call). */
async function loadPinned(api: NaviClient): Promise<SessionSummary[]> {
  const pinned: SessionSummary[] = [];
  for (;;) {
    const last = pinned.at(-1);
    const page = await api.sessions.list({
      view: 'pinned',
      ...(last ? { after: { updatedAt: last.updatedAt, id: last.id } } : {}),
    });
    pinned.push(...page);
    if (page.length < SESSION_PAGE_SIZE) return pinned;
  }
}

export const useSessionListStore = create<SessionListStore>((set, get) => ({
  sessions: [],
  pinned: [],
  loaded: false,
  complete: false,
  loadingMore: false,
  error: undefined,
  generation: 0,
  load: async (api) => {
    const mine = get().generation + 1;
    set({ generation: mine });
    try {
      const [page, pinned] = await Promise.all([api.sessions.list({ view: 'recent' }), loadPinned(api)]);
      if (mine !== get().generation) return;
      set({
        sessions: [...page].sort(byRecentActivity),
        pinned,
        loaded: true,
        complete: page.length < SESSION_PAGE_SIZE,
        loadingMore: false,
        error: undefined,
      });
    } catch (error) {
      if (mine === get().generation) set({ error: errorMessage(error) });
    }
  },
  loadMore: async (api) => {
    const { loaded, complete, loadingMore, sessions } = get();
    const last = sessions.at(-1);
    if (!loaded || complete || loadingMore || !last) return;
    const mine = get().generation;
    set({ loadingMore: true });
    try {
      const page = await api.sessions.list({ view: 'recent', after: { updatedAt: last.updatedAt, id: last.id } });
      if (mine !== get().generation) return;
      set((state) => ({
        sessions: merge(state.sessions, page),
        complete: page.length < SESSION_PAGE_SIZE,
        loadingMore: false,
        error: undefined,
      }));
    } catch (error) {
      if (mine === get().generation) set({ loadingMore: false, error: errorMessage(error) });
    }
  },
  apply: (event) =>
    set((state) => {
      switch (event.type) {
        case 'session-changed':
          return { sessions: upsert(state, event.session), pinned: upsertPinned(state.pinned, event.session) };
        case 'session-deleted':
          return {
            sessions: state.sessions.filter((session) => session.id !== event.sessionId),
            pinned: state.pinned.filter((session) => session.id !== event.sessionId),
          };
        default:
          // Kinds this window does not show (later features add their own).
          return state;
      }
    }),
}));
