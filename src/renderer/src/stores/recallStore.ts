import { useMemo } from 'react';
import { create } from 'zustand';
import type { AppEvent, NaviClient, Recall } from '../../../shared/contract';
import { errorMessage } from '../lib/errorMessage';

type RecallEvent = Extract<AppEvent, { type: 'recall-changed' | 'recall-deleted' | 'session-deleted' }>;

interface RecallStore {
  /** Every recall of every conversation, by id (a window shows them in several places). */
  readonly byId: Readonly<Record<string, Recall>>;
  readonly loaded: boolean;
  readonly error: string | undefined;
  /** Fetches the full list; changes heard while the request was out are applied on top of it. */
  load(api: NaviClient): Promise<void>;
  /** Folds an app-wide update (from any window, the scheduler or the agent) into the list. */
  apply(event: AppEvent): void;
}

function isRecallEvent(event: AppEvent): event is RecallEvent {
  return event.type === 'recall-changed' || event.type === 'recall-deleted' || event.type === 'session-deleted';
}

function reduce(byId: Readonly<Record<string, Recall>>, event: RecallEvent): Readonly<Record<string, Recall>> {
  switch (event.type) {
    case 'recall-changed': {
      const known = byId[event.recall.id];
      // Updates arrive in order; an older picture (re-applied after a reload) never wins.
      if (known && known.updatedAt > event.recall.updatedAt) return byId;
      return { ...byId, [event.recall.id]: event.recall };
    }
    case 'recall-deleted': {
      if (!byId[event.recallId]) return byId;
      const { [event.recallId]: _gone, ...rest } = byId;
      return rest;
    }
    case 'session-deleted': {
      const kept = Object.values(byId).filter((recall) => recall.sessionId !== event.sessionId);
      return kept.length === Object.keys(byId).length ? byId : Object.fromEntries(kept.map((r) => [r.id, r]));
    }
  }
}

/** Events heard while a `load` is out; replayed on its answer so nothing in between is lost. */
let heardWhileLoading: RecallEvent[] | undefined;

export const useRecallStore = create<RecallStore>((set) => ({
  byId: {},
  loaded: false,
  error: undefined,
  load: async (api) => {
    const heard: RecallEvent[] = [];
    heardWhileLoading = heard;
    try {
      const recalls = await api.recalls.list({});
      if (heardWhileLoading !== heard) return; // a newer load took over
      const fresh = Object.fromEntries(recalls.map((recall) => [recall.id, recall]));
      set({ byId: heard.reduce(reduce, fresh), loaded: true, error: undefined });
    } catch (error) {
      if (heardWhileLoading === heard) set({ error: errorMessage(error) });
    } finally {
      if (heardWhileLoading === heard) heardWhileLoading = undefined;
    }
  },
  apply: (event) => {
    if (!isRecallEvent(event)) return;
    heardWhileLoading?.push(event);
    set((state) => {
      const byId = reduce(state.byId, event);
      return byId === state.byId ? state : { byId };
    });
  },
}));

const ACTIVE: ReadonlySet<Recall['status']> = new Set(['pending', 'running']);

export function isActive(recall: Recall): boolean {
  return ACTIVE.has(recall.status);
}

/** Soonest first; recalls with no next run (paused, finished) after them, newest change first. */
export function byNextRun(a: Recall, b: Recall): number {
  if (a.nextRunAt !== null && b.nextRunAt !== null) return a.nextRunAt - b.nextRunAt || a.createdAt - b.createdAt;
  if (a.nextRunAt !== null) return -1;
  if (b.nextRunAt !== null) return 1;
  return b.updatedAt - a.updatedAt;
}

/** Every recall, ordered by next run. */
export function useAllRecalls(): readonly Recall[] {
  const byId = useRecallStore((state) => state.byId);
  return useMemo(() => Object.values(byId).sort(byNextRun), [byId]);
}

/** One conversation's recalls, ordered by next run. */
export function useSessionRecalls(sessionId: string): readonly Recall[] {
  const byId = useRecallStore((state) => state.byId);
  return useMemo(
    () =>
      Object.values(byId)
        .filter((recall) => recall.sessionId === sessionId)
        .sort(byNextRun),
    [byId, sessionId],
  );
}
