import { create } from 'zustand';
import type { ConnectionState } from '../../../shared/rpc';

interface ConnectionStore {
  readonly state: ConnectionState;
  /** Bumped on every successful (re)connection so data can be fetched again. */
  readonly generation: number;
  setState(state: ConnectionState): void;
}

export const useConnectionStore = create<ConnectionStore>((set) => ({
  state: 'connecting',
  generation: 0,
  setState: (state) =>
    set((current) => ({ state, generation: state === 'open' ? current.generation + 1 : current.generation })),
}));
