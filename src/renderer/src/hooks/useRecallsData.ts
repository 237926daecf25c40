import { useEffect } from 'react';
import type { NaviClient } from '../../../shared/contract';
import { useConnectionStore } from '../stores/connectionStore';
import { useRecallStore } from '../stores/recallStore';
import { useRecallsHealthStore } from '../stores/recallsHealthStore';

/**
 * Every recall, for the recalls panel, the Scheduled view and the sidebar: fetched on the first
 * connection and after every reconnection (changes missed while away), then kept current by the
 * recall-* app events. No polling.
 */
export function useRecallsData(api: NaviClient): void {
  const generation = useConnectionStore((store) => store.generation);

  useEffect(() => {
    const subscription = api.events.onAppEvent(undefined, (event) => {
      useRecallStore.getState().apply(event);
      useRecallsHealthStore.getState().apply(event);
    });
    return () => subscription.dispose();
  }, [api]);

  useEffect(() => {
    if (generation === 0) return;
    void useRecallStore.getState().load(api);
    void useRecallsHealthStore.getState().load(api);
  }, [api, generation]);
}
