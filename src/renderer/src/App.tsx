import { useEffect } from 'react';
import type { NaviClient } from '../../shared/contract';
import { AppInfoPanel } from './components/AppInfoPanel';
import { ConnectionBanner } from './components/ConnectionBanner';
import { useAppInfoStore } from './stores/appInfoStore';
import { useConnectionStore } from './stores/connectionStore';

export function App({ api }: { api: NaviClient }) {
  const generation = useConnectionStore((store) => store.generation);
  const load = useAppInfoStore((store) => store.load);

  useEffect(() => {
    // Fetch on first connection and again after every reconnection.
    if (generation > 0) void load(api);
  }, [api, generation, load]);

  return (
    <div className="app">
      <ConnectionBanner />
      <header className="titlebar">
        <h1>Navi</h1>
      </header>
      <main className="content">
        <AppInfoPanel />
      </main>
    </div>
  );
}
