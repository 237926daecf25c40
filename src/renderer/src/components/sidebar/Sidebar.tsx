import { useState } from 'react';
import { SEARCH_INPUT_ID } from '../../hooks/useKeyboardShortcuts';
import { HOME, SETTINGS, routeHash, type Route } from '../../routing/route';
import { navigate } from '../../routing/navigation';
import { useUiStore } from '../../stores/uiStore';
import { ImportButton } from '../export/ImportButton';
import { ConversationList } from './ConversationList';
import { ScheduledNavLink } from './ScheduledNavLink';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** The left column: new chat, search over titles, the conversations, settings and about. */
export function Sidebar({ route }: { readonly route: Route }) {
  const [query, setQuery] = useState('');
  const setAboutOpen = useUiStore((state) => state.setAboutOpen);
  const currentId = route.name === 'conversation' ? route.sessionId : undefined;
  return (
    <nav className="sidebar" aria-label="Sidebar">
      <div className="sidebar-top">
        <span className="brand">Navi</span>
        <button type="button" className="button primary" onClick={() => navigate(HOME)} title={`New chat (${MOD}N)`}>
          New chat
        </button>
      </div>
      <div className="search">
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          aria-label="Search conversations"
          placeholder={`Search (${MOD}K)`}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query) {
              event.preventDefault();
              setQuery('');
            } else if (event.key === 'ArrowDown') {
              // Into the results (or the list): arrows move on, Enter opens.
              const first = document.querySelector<HTMLElement>(
                '.conversation-list li[data-index="0"] .conversation-link',
              );
              if (first) {
                event.preventDefault();
                first.focus();
              }
            }
          }}
        />
      </div>
      <ScheduledNavLink current={route.name === 'scheduled'} />
      <ConversationList query={query} currentId={currentId} />
      <div className="sidebar-footer">
        <a
          className={`sidebar-link${route.name === 'settings' ? ' current' : ''}`}
          href={routeHash(SETTINGS)}
          aria-current={route.name === 'settings' ? 'page' : undefined}
        >
          Settings
        </a>
        <ImportButton />
        <button type="button" className="sidebar-link" onClick={() => setAboutOpen(true)}>
          About
        </button>
      </div>
    </nav>
  );
}
