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

/**
 * The conversation's actions in its header: "Pin" (a toggle, pressed while pinned), "Archive" and
 * "Export" (a menu of formats: Markdown, JSON, Copy conversation, All conversations). Icon buttons
 * with those names and tooltips, so the header stays one row at any width.
 */
export function ConversationActions({ session }: { readonly session: Session | undefined }) {
  const api = useApi();
  const [exportOpen, setExportOpen] = useState(false);
  const [status, setStatus] = useState<HeaderStatus>();
  const exporter = useExport(session?.id ?? '', setStatus);
  const container = useRef<HTMLDivElement>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();
  // Focus inside the menu goes back to its button (Escape, Tab); a press elsewhere takes it there anyway.
  const close = useCallback(() => {
    if (menu.current?.contains(document.activeElement)) exportButton.current?.focus();
    setExportOpen(false);
  }, []);
  const dismiss = useCallback(() => setStatus(undefined), []);
  useDismiss(exportOpen, container, close);

  useEffect(() => {
    if (exportOpen) focusFirstItem(menu.current);
  }, [exportOpen]);

  /** Runs an action, saying in the header when it fails. */
  const act = (action: () => Promise<unknown>, failure: string): void => {
    setStatus(undefined);
    action().catch((cause: unknown) => setStatus({ text: `${failure}: ${errorMessage(cause)}`, error: true }));
  };

  return (
    <div className="export-menu conversation-header-actions" ref={container}>
      {session && !session.archived && (
        <>
          <button
            type="button"
            className={`button subtle icon-only${session.pinned ? ' pressed' : ''}`}
            aria-label="Pin"
            aria-pressed={session.pinned}
            title={session.pinned ? 'Pinned to the top of the list; press to unpin' : 'Pin to the top of the list'}
            onClick={() =>
              act(() => api.sessions.setPinned({ id: session.id, pinned: !session.pinned }), 'Could not pin')
            }
          >
            <Icon name="pin" size={16} />
          </button>
          <button
            type="button"
            className="button subtle icon-only"
            aria-label="Archive"
            title="Archive: out of the list, kept under Archived"
            onClick={() => act(() => api.sessions.setArchived({ id: session.id, archived: true }), 'Could not archive')}
          >
            <Icon name="archive" size={16} />
          </button>
        </>
      )}
      <button
        ref={exportButton}
        type="button"
        className="button subtle icon-only"
        aria-label="Export"
        title="Export this conversation, or all of them"
        aria-haspopup="menu"
        aria-expanded={exportOpen}
        aria-controls={exportOpen ? menuId : undefined}
        disabled={!session}
        onClick={() => setExportOpen((open) => !open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !exportOpen) {
            event.preventDefault();
            setExportOpen(true);
          }
        }}
      >
        <Icon name="download" size={16} />
      </button>
      {exportOpen && (
        <ul
          className="menu-popover"
          id={menuId}
          role="menu"
          aria-label="Export"
          ref={menu}
          onKeyDown={(event) => onMenuKeyDown(event, menu.current, close)}
        >
          {EXPORT_CHOICES.map((item) => (
            <li key={item.choice} role="none" className={item.choice === 'archive' ? 'menu-separated' : undefined}>
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                disabled={exporter.busy}
                onClick={() => {
                  setExportOpen(false);
                  exportButton.current?.focus();
                  act(() => exporter.run(item.choice), 'Could not export');
                }}
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
