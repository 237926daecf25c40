import { useCallback, useEffect, useState } from 'react';
import type { ToolRunEntry } from '../../../../shared/contract';
import { toolDisplayName } from '../../../../shared/contract/display';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { ModalDialog } from '../common/ModalDialog';
import { formatRunTime } from '../recalls/formatTime';
import { formatJson } from './formatJson';
import './toolApproval.css';

interface ToolRunLogDialogProps {
  readonly sessionId: string;
  /** The call whose card opened the log: marked in the list. */
  readonly toolCallId?: string;
  readonly onClose: () => void;
}

const OUTCOME_TEXT = { succeeded: 'ran', failed: 'ran and failed' } as const;

function LogEntry({ entry, current }: { entry: ToolRunEntry; current: boolean }) {
  const refused = entry.decision !== 'allowed' && entry.decision !== 'pending';
  return (
    <li
      className="tool-log-entry"
      aria-current={current ? 'true' : undefined}
      aria-label={toolDisplayName(entry.toolLabel, entry.serverName)}
    >
      <div className="tool-log-line">
        <span className="tool-name">{entry.toolLabel}</span>
        {entry.serverName && <span className="muted">{entry.serverName}</span>}
        {entry.origin === 'recall' && <span className="message-badge">recall run</span>}
        <span className="tool-log-time">{formatRunTime(entry.requestedAt)}</span>
      </div>
      <div className={`tool-log-reason${refused ? ' denied' : ''}`}>
        {entry.reason}
        {entry.outcome && ` · ${OUTCOME_TEXT[entry.outcome]}`}
      </div>
      <details>
        <summary>Arguments{entry.inputTruncated ? ' (shortened)' : ''}</summary>
        <pre>{formatJson(entry.input) || '(none)'}</pre>
      </details>
    </li>
  );
}

/**
 * The conversation's tool runs, newest first: what ran, with which arguments, and who or what
 * allowed it (a rule, a person's answer, a recall's policy). Opened from a tool card.
 */
export function ToolRunLogDialog({ sessionId, toolCallId, onClose }: ToolRunLogDialogProps) {
  const api = useApi();
  const [entries, setEntries] = useState<readonly ToolRunEntry[]>();
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string>();

  const load = useCallback(
    (beforeId?: number): Promise<void> =>
      api.tools.runLog({ sessionId, beforeId }).then(
        (page) => {
          setEntries((current) => (beforeId === undefined ? page.entries : [...(current ?? []), ...page.entries]));
          setHasMore(page.hasMore);
          setError(undefined);
        },
        (caught: unknown) => setError(errorMessage(caught)),
      ),
    [api, sessionId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <ModalDialog className="dialog tool-log-dialog" aria-labelledby="tool-log-title" onCancel={onClose}>
      <h2 id="tool-log-title">Tool runs in this conversation</h2>
      <div className="dialog-body">
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        {entries === undefined && !error && <p className="muted">Loading…</p>}
        {entries?.length === 0 && <p className="muted">No tool has run in this conversation yet.</p>}
        {entries && entries.length > 0 && (
          <ul className="tool-log-list" aria-label="Tool runs">
            {entries.map((entry) => (
              <LogEntry key={entry.id} entry={entry} current={entry.toolCallId === toolCallId} />
            ))}
          </ul>
        )}
      </div>
      <div className="dialog-actions">
        {hasMore && entries && (
          <button type="button" className="button" onClick={() => void load(entries.at(-1)?.id)}>
            Show earlier runs
          </button>
        )}
        <button type="button" className="button primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
