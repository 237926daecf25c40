import { memo, useEffect, useRef, useState } from 'react';
import { SEARCH_INPUT_ID } from '../../hooks/useKeyboardShortcuts';
import { useNarrowWindow } from '../../hooks/useNarrowWindow';
import { ARCHIVED, HOME, SETTINGS, routeHash, type Route } from '../../routing/route';
import { navigate, useRoute } from '../../routing/navigation';
import { useSidebarStore } from '../../stores/sidebarStore';
import { useUiStore } from '../../stores/uiStore';
import { Icon } from '../common/Icon';
import { ImportButton } from '../export/ImportButton';
import { ConversationList } from './ConversationList';
import { ScheduledNavLink } from './ScheduledNavLink';
import { MOD } from '../../lib/shortcutLabels';

const SIDEBAR_ID = 'sidebar';

/** A narrow window's sidebar closes once a place is chosen (another conversation too). */
function CloseDrawerOnNavigation() {
  const address = routeHash(useRoute());
  useEffect(() => {
    useSidebarStore.getState().closeDrawer();
  }, [address]);
  return null;
}

/**
 * The left column: new chat, search, the conversations, settings and about. In a wide window it
 * sits beside the page and can be folded to a rail (Ctrl/Cmd+B, remembered); in a narrow one the
 * rail stays and the sidebar opens over the page, closing again when a conversation is chosen.
 * Memoised, and told only which kind of place is open: going from one conversation to another does
 * not render it again (the two rows whose selection changes render themselves).
 */
export const Sidebar = memo(function Sidebar({ place }: { readonly place: Route['name'] }) {
  const narrow = useNarrowWindow();
  const collapsed = useSidebarStore((state) => state.collapsed);
  const drawerOpen = useSidebarStore((state) => state.drawerOpen);
  const { toggle } = useSidebarStore.getState();
  const open = narrow ? drawerOpen : !collapsed;
  const [query, setQuery] = useState('');
  const railButton = useRef<HTMLButtonElement>(null);
  const hideButton = useRef<HTMLButtonElement>(null);
  // Set by the sidebar's own buttons and keys: where focus goes once the change is on screen.
  const focusAfter = useRef<'rail' | 'hide' | undefined>(undefined);

  useEffect(() => {
    const target = focusAfter.current === 'rail' ? railButton : focusAfter.current === 'hide' ? hideButton : undefined;
    focusAfter.current = undefined;
    target?.current?.focus();
  }, [open]);

  const toggleFromButton = (focus: 'rail' | 'hide') => {
    focusAfter.current = focus;
    toggle(narrow);
  };

  return (
    <>
      <CloseDrawerOnNavigation />
      {(narrow || collapsed) && (
        <div className="sidebar-rail">
          {!(narrow && drawerOpen) && (
            <>
              <button
                type="button"
                ref={railButton}
                className="icon-button rail-button"
                aria-label="Show sidebar"
                aria-expanded={false}
                title={`Show sidebar (${MOD}B)`}
                onClick={() => toggleFromButton('hide')}
              >
                <Icon name="sidebar" size={18} />
              </button>
              <button
                type="button"
                className="icon-button rail-button"
                aria-label="New chat"
                title={`New chat (${MOD}N)`}
                onClick={() => navigate(HOME)}
              >
                <Icon name="plus" size={18} />
              </button>
            </>
          )}
        </div>
      )}
      {open && narrow && <div className="sidebar-backdrop" onClick={() => toggleFromButton('rail')} />}
      {open && (
        <nav
          className={`sidebar${narrow ? ' drawer' : ''}`}
          id={SIDEBAR_ID}
          aria-label="Sidebar"
          onKeyDown={(event) => {
            if (narrow && event.key === 'Escape' && !event.defaultPrevented) {
              event.preventDefault();
              toggleFromButton('rail');
            }
          }}
        >
          <div className="sidebar-top">
            <button
              type="button"
              ref={hideButton}
              className="icon-button"
              aria-label="Hide sidebar"
              aria-expanded={true}
              aria-controls={SIDEBAR_ID}
              title={`Hide sidebar (${MOD}B)`}
              onClick={() => toggleFromButton('rail')}
            >
              <Icon name="sidebar" size={18} />
            </button>
            <span className="brand">Navi</span>
            <button
              type="button"
              className="button primary"
              onClick={() => navigate(HOME)}
              title={`New chat (${MOD}N)`}
            >
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
          <ScheduledNavLink current={place === 'scheduled'} />
          <a
            className={`sidebar-nav-link${place === 'archived' ? ' current' : ''}`}
            href={routeHash(ARCHIVED)}
            aria-current={place === 'archived' ? 'page' : undefined}
          >
            <Icon name="archive" />
            <span>Archived</span>
          </a>
          <ConversationList query={query} />
          <div className="sidebar-footer">
            <a
              className={`sidebar-link${place === 'settings' ? ' current' : ''}`}
              href={routeHash(SETTINGS)}
              aria-current={place === 'settings' ? 'page' : undefined}
            >
              Settings
            </a>
            <ImportButton />
            <button type="button" className="sidebar-link" onClick={() => useUiStore.getState().setAboutOpen(true)}>
              About
            </button>
          </div>
        </nav>
      )}
    </>
  );
});
