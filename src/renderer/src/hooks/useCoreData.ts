import { useEffect } from 'react';
import type { NaviClient } from '../../../shared/contract';
import { useAppInfoStore } from '../stores/appInfoStore';
import { useConnectionStore } from '../stores/connectionStore';
import { useModelCatalogStore } from '../stores/modelCatalogStore';
import { useSessionListStore } from '../stores/sessionListStore';
import { useSettingsStore } from '../stores/settingsStore';

/**
 * Window-wide data: app info, the conversation list and settings, fetched on the first connection
 * and again after every reconnection (updates missed while away), then kept live by subscriptions.
 */
export function useCoreData(api: NaviClient): void {
  const generation = useConnectionStore((store) => store.generation);

  useEffect(() => {
    const appEvents = api.events.onAppEvent(undefined, (event) => useSessionListStore.getState().apply(event));
    const settingsChanges = api.settings.onChanged(undefined, (change) => {
      if (change.scope === 'providers') useModelCatalogStore.getState().forget();
      void useSettingsStore.getState().load(api, change.scope);
    });
    return () => {
      appEvents.dispose();
      settingsChanges.dispose();
    };
  }, [api]);

  useEffect(() => {
    if (generation === 0) return;
    void useAppInfoStore.getState().load(api);
    void useSessionListStore.getState().load(api);
    void useSettingsStore.getState().load(api);
  }, [api, generation]);
}
