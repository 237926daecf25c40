import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { PreparedExport } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { Icon } from '../common/Icon';
import { useDismiss } from '../mcp/useDismiss';
import { readExport, saveBlob } from './transfer';
import './export.css';

type Choice = 'markdown' | 'json' | 'copy' | 'archive';

const ITEMS: readonly { readonly choice: Choice; readonly label: string; readonly hint: string }[] = [
  { choice: 'markdown', label: 'Markdown', hint: 'Every branch, readable (.md)' },
  { choice: 'json', label: 'JSON', hint: 'Every branch and file, to import again (.navi.json)' },
  { choice: 'copy', label: 'Copy conversation', hint: 'As Markdown, to the clipboard' },
  { choice: 'archive', label: 'All conversations', hint: 'Everything with its files (.zip)' },
];

const DONE: Readonly<Record<Choice, string>> = {
  markdown: 'Saved as Markdown.',
  json: 'Saved as JSON.',
  copy: 'Copied the conversation as Markdown.',
  archive: 'Saved every conversation.',
};

/** "Export" in the conversation header: a menu of formats; what it made is saved (or copied) with a word on how it went. */
export function ExportMenu({ sessionId }: { readonly sessionId: string }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<{ readonly text: string; readonly error?: boolean }>();
  const [busy, setBusy] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, container, close);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);
  useEffect(() => {
    if (!status || status.error || busy) return;
    const timer = setTimeout(() => setStatus(undefined), 4_000);
    return () => clearTimeout(timer);
  }, [status, busy]);

  const run = async (choice: Choice): Promise<void> => {
    setOpen(false);
    button.current?.focus();
    setBusy(true);
    setStatus({ text: choice === 'archive' ? 'Preparing every conversation…' : 'Preparing…' });
    try {
      if (choice === 'copy') {
        const { markdown } = await api.exports.markdown({ sessionId });
        await navigator.clipboard.writeText(markdown);
      } else {
        const prepared: PreparedExport =
          choice === 'archive'
            ? await api.exports.archive()
            : await api.exports.conversation({ sessionId, format: choice });
        const blob = await readExport(api, prepared, (fraction) =>
          setStatus({ text: `Saving… ${Math.round(fraction * 100)}%` }),
        );
        saveBlob(blob, prepared.fileName);
      }
      setStatus({ text: DONE[choice] });
    } catch (error) {
      setStatus({ text: `Could not export: ${errorMessage(error)}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Tab') setOpen(false);
  };

  return (
    <div className="export-menu" ref={container}>
      <button
        ref={button}
        type="button"
        className="button subtle"
        aria-label="Export"
        title="Export this conversation, or all of them"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={busy}
        onClick={() => setOpen((current) => !current)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Icon name="download" /> <span className="export-label">Export</span>
      </button>
      {open && (
        <ul className="menu-popover" id={menuId} role="menu" aria-label="Export" ref={menu} onKeyDown={onMenuKeyDown}>
          {ITEMS.map((item) => (
            <li key={item.choice} role="none" className={item.choice === 'archive' ? 'menu-separated' : undefined}>
              <button type="button" role="menuitem" className="menu-item" onClick={() => void run(item.choice)}>
                <span className="menu-item-label">{item.label}</span>
                <span className="menu-item-hint">{item.hint}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {status && (
        <div className={`export-status${status.error ? ' error' : ''}`} role={status.error ? 'alert' : 'status'}>
          <span>{status.text}</span>
          {status.error && (
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setStatus(undefined)}>
              <Icon name="close" />
            </button>
          )}
        </div>
      )}
    </div>
  );
}
