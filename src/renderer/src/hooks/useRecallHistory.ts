import { useEffect } from 'react';
import { useApi } from '../lib/apiContext';
import { useConnectionStore } from '../stores/connectionStore';
import { useRecallHistoryStore } from '../stores/recallHistoryStore';
import { useRecallStore } from '../stores/recallStore';

/** Settles bursts (a run finishing changes its recall more than once) into one fetch. */
const REFRESH_DELAY_MS = 250;

/**
 * Keeps the run history current while a view shows it: fetched on mount and after a reconnection,
 * and again whenever a recall changes (every run, deferral or skip changes its recall), so it is
 * driven by the recall-* events, never by a timer of its own.
 */
export function useRecallHistory(): void {
  const api = useApi();
  const generation = useConnectionStore((store) => store.generation);

  useEffect(() => {
    if (generation > 0) void useRecallHistoryStore.getState().load(api);
  }, [api, generation]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useRecallStore.subscribe((state, previous) => {
      if (state.byId === previous.byId) return;
      clearTimeout(timer);
      timer = setTimeout(() => void useRecallHistoryStore.getState().load(api), REFRESH_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [api]);
}
