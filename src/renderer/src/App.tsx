import { lazy, memo, Suspense } from 'react';
import type { NaviClient } from '../../shared/contract';
import { ChatView } from './components/chat/ChatView';
import { NewChatView } from './components/chat/NewChatView';
import { ScheduledView } from './components/recalls/ScheduledView';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBoundary, RenderFailure } from './components/common/ErrorBoundary';
import { Sidebar } from './components/sidebar/Sidebar';
import { useCoreData } from './hooks/useCoreData';
import { useNativeTheme } from './hooks/useNativeTheme';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useRecallNotifications } from './hooks/useRecallNotifications';
import { useRecallsData } from './hooks/useRecallsData';
import { ApiContext } from './lib/apiContext';
import { useRoute } from './routing/navigation';
import { useShownRoute } from './routing/useShownRoute';
import type { Route } from './routing/route';
import { useUiStore } from './stores/uiStore';
// After the views' own styles, as the page always had them (the page's stylesheet can override them).
import './styles.css';

// Views and dialogs the first paint does not show load when first opened (chunks of the app).
// (Not Scheduled: it is small, and a suspended view waits on timers a page under a paused fake clock never runs.)
const SettingsView = lazy(() =>
  import('./components/settings/SettingsView').then((m) => ({ default: m.SettingsView })),
);
const ArchivedView = lazy(() =>
  import('./components/organise/ArchivedView').then((m) => ({ default: m.ArchivedView })),
);
const AboutDialog = lazy(() => import('./components/AboutDialog').then((m) => ({ default: m.AboutDialog })));
const ShortcutsDialog = lazy(() =>
  import('./components/ShortcutsDialog').then((m) => ({ default: m.ShortcutsDialog })),
);

// Memoised: while the view waits for the next conversation (useShownRoute) the address has moved and
// the sidebar renders again, but the conversation on screen has nothing new to render.
const MainView = memo(function MainView({ route }: { readonly route: Route }) {
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
});

export function App({ api }: { api: NaviClient }) {
  useCoreData(api);
  useNativeTheme(api);
  useRecallsData(api);
  useRecallNotifications(api);
  useKeyboardShortcuts();
  const route = useRoute();
  // The main view may stay on the conversation it shows while the next one's first page comes.
  const shown = useShownRoute(api, route);
  const aboutOpen = useUiStore((state) => state.aboutOpen);
  const shortcutsOpen = useUiStore((state) => state.shortcutsOpen);
  return (
    <ApiContext.Provider value={api}>
      <div className="app">
        <ConnectionBanner />
        <div className="layout">
          <Sidebar place={route.name} />
          <main className="main" aria-busy={shown.waiting || undefined}>
            {/* The page's one top heading; each view's title is an h2 under it (sections h3, and so on). */}
            <h1 className="sr-only">Navi</h1>
            <ErrorBoundary
              resetKey={shown.route}
              fallback={(retry) => <RenderFailure what="this view" retry={retry} />}
            >
              <Suspense fallback={null}>
                <MainView route={shown.route} />
              </Suspense>
            </ErrorBoundary>
          </main>
        </div>
        <Suspense fallback={null}>
          {aboutOpen && <AboutDialog />}
          {shortcutsOpen && <ShortcutsDialog />}
        </Suspense>
      </div>
    </ApiContext.Provider>
  );
}
