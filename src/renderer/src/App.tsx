import type { NaviClient } from '../../shared/contract';
import { AboutDialog } from './components/AboutDialog';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { ChatView } from './components/chat/ChatView';
import { NewChatView } from './components/chat/NewChatView';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBoundary, RenderFailure } from './components/common/ErrorBoundary';
import { ScheduledView } from './components/recalls/ScheduledView';
import { ArchivedView } from './components/organise/ArchivedView';
import { SettingsView } from './components/settings/SettingsView';
import { Sidebar } from './components/sidebar/Sidebar';
import { useCoreData } from './hooks/useCoreData';
import { useNativeTheme } from './hooks/useNativeTheme';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useRecallNotifications } from './hooks/useRecallNotifications';
import { useRecallsData } from './hooks/useRecallsData';
import { ApiContext } from './lib/apiContext';
import { useRoute } from './routing/navigation';
import type { Route } from './routing/route';
import { useUiStore } from './stores/uiStore';

function MainView({ route }: { readonly route: Route }) {
  switch (route.name) {
    case 'conversation':
      // Keyed so each conversation gets fresh view state (scroll, stop button, feed).
      return <ChatView key={route.sessionId} sessionId={route.sessionId} messageId={route.messageId} />;
    case 'settings':
      return <SettingsView />;
    case 'scheduled':
      return <ScheduledView />;
    case 'archived':
      return <ArchivedView />;
    case 'home':
      return <NewChatView />;
  }
}

export function App({ api }: { api: NaviClient }) {
  useCoreData(api);
  useNativeTheme(api);
  useRecallsData(api);
  useRecallNotifications(api);
  useKeyboardShortcuts();
  const route = useRoute();
  const aboutOpen = useUiStore((state) => state.aboutOpen);
  const shortcutsOpen = useUiStore((state) => state.shortcutsOpen);
  return (
    <ApiContext.Provider value={api}>
      <div className="app">
        <ConnectionBanner />
        <div className="layout">
          <Sidebar route={route} />
          <main className="main">
            {/* The page's one top heading; each view's title is an h2 under it (sections h3, and so on). */}
            <h1 className="sr-only">Navi</h1>
            <ErrorBoundary resetKey={route} fallback={(retry) => <RenderFailure what="this view" retry={retry} />}>
              <MainView route={route} />
            </ErrorBoundary>
          </main>
        </div>
        {aboutOpen && <AboutDialog />}
        {shortcutsOpen && <ShortcutsDialog />}
      </div>
    </ApiContext.Provider>
  );
}
