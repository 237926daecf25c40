import { create } from 'zustand';
import type { NaviClient, RecallRun } from '../../../shared/contract';
import { errorMessage } from '../lib/errorMessage';

/** How many runs the Scheduled view shows. */
export const HISTORY_LIMIT = 100;

interface RecallHistoryStore {
  /** Newest first. */
  readonly runs: readonly RecallRun[];
  readonly loaded: boolean;
  readonly error: string | undefined;
  load(api: NaviClient): Promise<void>;
}

let latestRequest = 0;

export const useRecallHistoryStore = create<RecallHistoryStore>((set) => ({
  runs: [],
  loaded: false,
  error: undefined,
  load: async (api) => {
    const request = ++latestRequest;
    try {
      const runs = await api.recalls.history({ limit: HISTORY_LIMIT });
      if (request === latestRequest) set({ runs, loaded: true, error: undefined });
    } catch (error) {
      if (request === latestRequest) set({ error: errorMessage(error) });
    }
  },
}));
