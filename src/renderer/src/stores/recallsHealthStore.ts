import { create } from 'zustand';
import type { AppEvent, NaviClient, RecallsHealth } from '../../../shared/contract';

interface RecallsHealthStore {
  readonly health: RecallsHealth;
  load(api: NaviClient): Promise<void>;
  apply(event: AppEvent): void;
}

/** Whether the scheduler can work (a full disk makes due recalls wait); live from app events. */
export const useRecallsHealthStore = create<RecallsHealthStore>((set) => ({
  health: { problem: null },
  load: async (api) => {
    try {
      set({ health: await api.recalls.health(undefined) });
    } catch {
      // Unknown while disconnected; the next event or reconnection tells.
    }
  },
  apply: (event) => {
    if (event.type === 'recalls-health') set({ health: event.health });
  },
}));

/** The problem that keeps this recall waiting, if one does. */
export function useWaitingReason(recallId: string): string | undefined {
  return useRecallsHealthStore((state) => {
    const problem = state.health.problem;
    if (!problem?.waitingRecallIds.includes(recallId)) return undefined;
    return problem.message.split(/(?<=\.)\s/)[0];
  });
}
