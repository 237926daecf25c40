import { useState, type FormEvent } from 'react';
import { MAX_MCP_IMPORT_CHARS, type McpImportError, type McpServer } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useMcpStore } from '../../stores/mcpStore';
import { Field } from './Field';

const EXAMPLE = `{
  "mcpServers": {
    "everything": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"] },
    "tracker": { "url": "http://localhost:3001/mcp", "headers": { "Authorization": "Bearer \${TRACKER_TOKEN}" } }
  }
}`;

interface ImportResult {
  readonly added: readonly McpServer[];
  readonly errors: readonly McpImportError[];
}

/** Pastes the `mcpServers` JSON other desktop apps use; each entry is added or says what is wrong. */
export function McpImportForm({ onClose }: { readonly onClose: () => void }) {
  const api = useApi();
  const [json, setJson] = useState('');
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<ImportResult>();
  const [importing, setImporting] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (json.trim() === '') return setError('Paste the JSON first.');
    if (json.length > MAX_MCP_IMPORT_CHARS)
      return setError(`The text can be at most ${MAX_MCP_IMPORT_CHARS} characters`);
    setImporting(true);
    try {
      const imported = await api.mcp.importJson({ json });
      for (const server of imported.added) useMcpStore.getState().upsert(server);
      setResult(imported);
      if (imported.errors.length === 0) setJson('');
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setImporting(false);
    }
  };

  return (
    <form className="mcp-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field
        label="mcpServers JSON"
        error={error}
        hint="The format of Claude Desktop, Cursor and VS Code: command, args and env for programs; url and headers for HTTP servers."
      >
        {(props) => (
          <textarea
            {...props}
            className="mono"
            rows={10}
            value={json}
            placeholder={EXAMPLE}
            spellCheck={false}
            onChange={(event) => {
              setJson(event.target.value);
              setError(undefined);
              setResult(undefined);
            }}
          />
        )}
      </Field>
      {result && (
        <div className="mcp-import-result" role="status">
          {result.added.length > 0 && (
            <p className="saved">✓ Added {result.added.map((server) => server.name).join(', ')}.</p>
          )}
          {result.errors.length > 0 && (
            <>
              <p className="inline-error">
                {result.errors.length === 1 ? 'One entry was' : `${result.errors.length} entries were`} not added:
              </p>
              <ul className="mcp-import-errors" aria-label="Import errors">
                {result.errors.map((entry) => (
                  <li key={entry.entry}>{entry.message}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className="form-actions">
        <span className="spacer" />
        <button type="button" className="button subtle" onClick={onClose}>
          {result && result.errors.length === 0 ? 'Done' : 'Cancel'}
        </button>
        <button type="submit" className="button primary" disabled={importing}>
          {importing ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
