import type { EntryDraft } from './mcpDraft';
import { newEntryKey } from './mcpDraft';

interface McpEntriesEditorProps {
  /** "Environment variables" or "Headers". */
  readonly legend: string;
  /** "variable" or "header": names the add button and the inputs. */
  readonly noun: string;
  readonly namePlaceholder: string;
  readonly rows: readonly EntryDraft[];
  readonly onChange: (rows: EntryDraft[]) => void;
  /** Errors by `${row key}.name` / `${row key}.value`, and for the whole list under "". */
  readonly errors: Readonly<Record<string, string>>;
  readonly hint: string;
}

function savedPlaceholder(row: EntryDraft): string {
  if (!row.saved) return 'Value';
  if (row.saved.source === 'environment') return `Unchanged: ${row.saved.reference ?? 'from the environment'}`;
  return 'Unchanged (stored encrypted)';
}

/**
 * Name and value rows for a server's environment variables or headers. Values are password
 * fields and saved values are never shown: leaving one empty keeps it.
 */
export function McpEntriesEditor({
  legend,
  noun,
  namePlaceholder,
  rows,
  onChange,
  errors,
  hint,
}: McpEntriesEditorProps) {
  const change = (key: string, patch: Partial<EntryDraft>): void =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className="mcp-entries">
      <legend>{legend}</legend>
      {rows.length > 0 && (
        <ul className="mcp-entry-list">
          {rows.map((row, index) => {
            const nameError = errors[`${row.key}.name`];
            const valueError = errors[`${row.key}.value`] ?? errors[`${row.key}.`];
            return (
              <li key={row.key} className="mcp-entry">
                <input
                  aria-label={`${noun} ${index + 1} name`}
                  className="mono"
                  value={row.name}
                  placeholder={namePlaceholder}
                  readOnly={row.saved !== undefined}
                  aria-invalid={nameError ? true : undefined}
                  onChange={(event) => change(row.key, { name: event.target.value })}
                />
                <input
                  aria-label={`${noun} ${index + 1} value`}
                  type="password"
                  autoComplete="new-password"
                  value={row.value}
                  placeholder={savedPlaceholder(row)}
                  aria-invalid={valueError ? true : undefined}
                  onChange={(event) => change(row.key, { value: event.target.value })}
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${noun} ${row.name.trim() || index + 1}`}
                  title="Remove"
                  onClick={() => onChange(rows.filter((candidate) => candidate.key !== row.key))}
                >
                  ✕
                </button>
                {row.saved?.missing && (
                  <p className="field-error mcp-entry-note">
                    {row.saved.source === 'environment'
                      ? `${row.saved.reference ?? 'The variable'} is not set in Navi's environment.`
                      : 'The stored value is missing: enter it again.'}
                  </p>
                )}
                {(nameError ?? valueError) && <p className="field-error mcp-entry-note">{nameError ?? valueError}</p>}
              </li>
            );
          })}
        </ul>
      )}
      {errors[''] && <p className="field-error">{errors['']}</p>}
      <div className="mcp-entries-foot">
        <button
          type="button"
          className="button small"
          onClick={() => onChange([...rows, { key: newEntryKey(), name: '', value: '' }])}
        >
          Add {noun}
        </button>
        <p className="field-hint">{hint}</p>
      </div>
    </fieldset>
  );
}
