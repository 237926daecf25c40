import { create } from 'zustand';
import type { AppEvent, NaviClient, SessionSummary } from '../../../shared/contract';
import { errorMessage } from '../lib/errorMessage';

interface SessionListStore {
  /** Newest activity first. */
  readonly sessions: readonly SessionSummary[];
  readonly loaded: boolean;
  readonly error: string | undefined;
  load(api: NaviClient): Promise<void>;
  /** Folds an app-wide update (from any window) into the list. */
  apply(event: AppEvent): void;
}

function byRecentActivity(a: SessionSummary, b: SessionSummary): number {
  return b.updatedAt - a.updatedAt || b.createdAt - a.createdAt;
}

function upsert(sessions: readonly SessionSummary[], session: SessionSummary): SessionSummary[] {
  const others = sessions.filter((candidate) => candidate.id !== session.id);
  return session.archived ? others : [...others, session].sort(byRecentActivity);
}

export const useSessionListStore = create<SessionListStore>((set) => ({
  sessions: [],
  loaded: false,
  error: undefined,
  load: async (api) => {
    try {
      const sessions = await api.sessions.list();
      set({ sessions: [...sessions].sort(byRecentActivity), loaded: true, error: undefined });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  apply: (event) =>
    set((state) => {
      switch (event.type) {
        case 'session-changed':
          return { sessions: upsert(state.sessions, event.session) };
        case 'session-deleted':
          return { sessions: state.sessions.filter((session) => session.id !== event.sessionId) };
        default:
          // Kinds this window does not show (later features add their own).
          return state;
      }
    }),
}));
