import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Session } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { Icon } from '../common/Icon';
import { focusFirstItem, onMenuKeyDown } from '../common/menuKeys';
import { HeaderStatusNote } from '../export/HeaderStatusNote';
import { EXPORT_CHOICES, useExport, type HeaderStatus } from '../export/useExport';
import { useDismiss } from '../mcp/useDismiss';
import '../export/export.css';
import './organise.css';

type View = 'closed' | 'actions' | 'export';

/**
 * "Conversation actions" in the header: a menu with Pin (checked while pinned), Archive and
 * Export, whose formats open in its place (Markdown, JSON, Copy conversation, All conversations).
 * One button keeps the header on one row; the items keep their names.
 */
export function ConversationActionsMenu({ session }: { readonly session: Session | undefined }) {
  const api = useApi();
  const [view, setView] = useState<View>('closed');
  const [status, setStatus] = useState<HeaderStatus>();
  const exporter = useExport(session?.id ?? '', setStatus);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();
  // Focus inside the menu goes back to its button (Escape, Tab); a press elsewhere takes it there anyway.
  const close = useCallback(() => {
    if (menu.current?.contains(document.activeElement)) button.current?.focus();
    setView('closed');
  }, []);
  const dismiss = useCallback(() => setStatus(undefined), []);
  useDismiss(view !== 'closed', container, close);

  useEffect(() => {
    if (view !== 'closed') focusFirstItem(menu.current);
  }, [view]);

  /** Closes the menu, focus back on its button, and runs the chosen action. */
  const choose = (action: () => Promise<unknown>, failure: string): void => {
    setView('closed');
    button.current?.focus();
    setStatus(undefined);
    action().catch((cause: unknown) => setStatus({ text: `${failure}: ${errorMessage(cause)}`, error: true }));
  };

  return (
    <div className="export-menu" ref={container}>
      <button
        ref={button}
        type="button"
        className="button subtle icon-only"
        aria-label="Conversation actions"
        title="Pin, archive or export this conversation"
        aria-haspopup="menu"
        aria-expanded={view !== 'closed'}
        aria-controls={view !== 'closed' ? menuId : undefined}
        disabled={!session}
        onClick={() => setView((current) => (current === 'closed' ? 'actions' : 'closed'))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && view === 'closed') {
            event.preventDefault();
            setView('actions');
          }
        }}
      >
        <Icon name="more" size={16} />
      </button>
      {view === 'actions' && session && (
        <ul
          className="menu-popover"
          id={menuId}
          role="menu"
          aria-label="Conversation actions"
          ref={menu}
          onKeyDown={(event) => onMenuKeyDown(event, menu.current, close)}
        >
          {!session.archived && (
            <>
              <li role="none">
                <button
                  type="button"
                  role="menuitemcheckbox"
                  aria-checked={session.pinned}
                  className="menu-item menu-item-row"
                  title={
                    session.pinned ? 'Pinned to the top of the list; choose to unpin' : 'Pin to the top of the list'
                  }
                  onClick={() =>
                    choose(() => api.sessions.setPinned({ id: session.id, pinned: !session.pinned }), 'Could not pin')
                  }
                >
                  <Icon name="pin" /> <span className="menu-item-label">Pin</span>
                  {session.pinned && (
                    <span className="menu-item-check">
                      <Icon name="check" />
                    </span>
                  )}
                </button>
              </li>
              <li role="none">
                <button
                  type="button"
                  role="menuitem"
                  className="menu-item menu-item-row"
                  title="Archive: out of the list, kept under Archived"
                  onClick={() =>
                    choose(() => api.sessions.setArchived({ id: session.id, archived: true }), 'Could not archive')
                  }
                >
                  <Icon name="archive" /> <span className="menu-item-label">Archive</span>
                </button>
              </li>
            </>
          )}
          <li role="none">
            <button
              type="button"
              role="menuitem"
              aria-haspopup="menu"
              className="menu-item menu-item-row"
              title="Export this conversation, or all of them"
              onClick={() => setView('export')}
              onKeyDown={(event) => {
                if (event.key === 'ArrowRight') {
                  event.preventDefault();
                  setView('export');
                }
              }}
            >
              <Icon name="download" /> <span className="menu-item-label">Export</span>
              <span className="menu-item-check">
                <Icon name="chevronRight" />
              </span>
            </button>
          </li>
        </ul>
      )}
      {view === 'export' && (
        <ul
          className="menu-popover"
          id={menuId}
          role="menu"
          aria-label="Export"
          ref={menu}
          onKeyDown={(event) => {
            if (event.key === 'ArrowLeft') {
              event.preventDefault();
              setView('actions');
            } else onMenuKeyDown(event, menu.current, close);
          }}
        >
          {EXPORT_CHOICES.map((item) => (
            <li key={item.choice} role="none" className={item.choice === 'archive' ? 'menu-separated' : undefined}>
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                disabled={exporter.busy}
                onClick={() => choose(() => exporter.run(item.choice), 'Could not export')}
              >
                <span className="menu-item-label">{item.label}</span>
                <span className="menu-item-hint">{item.hint}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <HeaderStatusNote status={status} busy={exporter.busy} onDismiss={dismiss} />
    </div>
  );
}
