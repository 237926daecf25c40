import { useEffect } from 'react';
import { Icon } from '../common/Icon';
import type { HeaderStatus } from './useExport';

interface HeaderStatusNoteProps {
  readonly status: HeaderStatus | undefined;
  /** While busy the note stays; after it, a success fades after a few seconds, an error stays. */
  readonly busy: boolean;
  readonly onDismiss: () => void;
}

/** The floating word under the conversation's actions: progress, done, or why it failed. */
export function HeaderStatusNote({ status, busy, onDismiss }: HeaderStatusNoteProps) {
  useEffect(() => {
    if (!status || status.error || busy) return;
    const timer = setTimeout(onDismiss, 4_000);
    return () => clearTimeout(timer);
  }, [status, busy, onDismiss]);
  if (!status) return null;
  return (
    <div className={`export-status${status.error ? ' error' : ''}`} role={status.error ? 'alert' : 'status'}>
      <span>{status.text}</span>
      {status.error && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          <Icon name="close" />
        </button>
      )}
    </div>
  );
}
