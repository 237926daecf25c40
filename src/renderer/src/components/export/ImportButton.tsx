import { useRef, useState } from 'react';
import { MAX_IMPORT_BYTES, formatBytes } from '../../../../shared/contract/limits';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { conversationRoute } from '../../routing/route';
import { navigate } from '../../routing/navigation';
import { Icon } from '../common/Icon';
import { importFile } from './transfer';
import './export.css';

/**
 * "Import" in the sidebar: a conversation's JSON or an "All conversations" archive, added as new
 * conversations (nothing existing changes). One imported conversation opens; the core's refusal
 * is shown as it words it.
 */
export function ImportButton() {
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ readonly text: string; readonly error?: boolean }>();
  const [busy, setBusy] = useState(false);

  const start = async (file: File): Promise<void> => {
    if (file.size > MAX_IMPORT_BYTES) {
      setStatus({
        text: `“${file.name}” is ${formatBytes(file.size)}; a file to import can be at most ${formatBytes(MAX_IMPORT_BYTES)}.`,
        error: true,
      });
      return;
    }
    setBusy(true);
    setStatus({ text: `Importing “${file.name}”…` });
    try {
      const { sessions, pausedRecalls } = await importFile(api, file, (fraction) =>
        setStatus({ text: `Importing “${file.name}”… ${Math.round(fraction * 100)}%` }),
      );
      const what =
        sessions.length === 1 ? `Imported “${sessions[0]!.title}”.` : `Imported ${sessions.length} conversations.`;
      // Imported recalls never fire by surprise: they wait, paused, until resumed.
      const recalls =
        pausedRecalls === 0
          ? ''
          : ` ${pausedRecalls === 1 ? 'Its recall is' : `${pausedRecalls} recalls are`} paused; resume ${pausedRecalls === 1 ? 'it' : 'them'} in Recalls when you want ${pausedRecalls === 1 ? 'it' : 'them'} to run.`;
      setStatus({ text: `${what}${recalls}` });
      const first = sessions.find((session) => !session.archived) ?? sessions[0];
      if (sessions.length === 1 && first) navigate(conversationRoute(first.id));
    } catch (error) {
      setStatus({ text: `Could not import “${file.name}”: ${errorMessage(error)}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="sidebar-link"
        disabled={busy}
        title="Import a conversation (.navi.json) or an archive of all conversations (.zip); their recalls come back paused"
        onClick={() => input.current?.click()}
      >
        Import
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Import file"
        accept=".json,.zip,application/json,application/zip"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void start(file);
        }}
      />
      {status && (
        <div className={`import-status${status.error ? ' error' : ''}`} role={status.error ? 'alert' : 'status'}>
          <span>{status.text}</span>
          {!busy && (
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setStatus(undefined)}>
              <Icon name="close" />
            </button>
          )}
        </div>
      )}
    </>
  );
}
