import { useState, type FormEvent } from 'react';
import { AddMcpServerInput, UpdateMcpServerInput, type McpServer } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useMcpStore } from '../../stores/mcpStore';
import { useSettingsStore } from '../../stores/settingsStore';
import { Field } from './Field';
import { fieldErrors } from './fieldErrors';
import { McpEntriesEditor } from './McpEntriesEditor';
import { draftOf, entryField, inputOf, missingValues, rowOfPath, updateInputOf, type McpServerDraft } from './mcpDraft';
import { McpStdioFields } from './McpStdioFields';
import { McpTransportChoice } from './McpTransportChoice';
import './mcpSettings.css';

interface McpServerFormProps {
  /** Edit this server; without it the form adds one. */
  readonly server?: McpServer;
  readonly onSaved: (server: McpServer) => void;
  readonly onCancel: () => void;
}

/** Errors of the env/header list by row (`${row key}.name`), the list's own under "". */
function entryErrors(draft: McpServerDraft, errors: Readonly<Record<string, string>>): Record<string, string> {
  const byRow: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === entryField(draft)) byRow[''] = message;
    const row = rowOfPath(draft, path);
    if (row) byRow[`${row.key}.${row.part}`] ??= message;
  }
  return byRow;
}

/** Adds or edits an MCP server: a program Navi starts (stdio) or an HTTP endpoint. */
export function McpServerForm({ server, onSaved, onCancel }: McpServerFormProps) {
  const api = useApi();
  const canStore = useSettingsStore((state) => state.general?.canStoreKeys ?? false);
  const [draft, setDraft] = useState(() => draftOf(server));
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [saving, setSaving] = useState(false);
  const change = (patch: Partial<McpServerDraft>): void => {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors({});
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = server
      ? UpdateMcpServerInput.safeParse(updateInputOf(server.id, draft))
      : AddMcpServerInput.safeParse(inputOf(draft));
    const found = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...missingValues(draft) };
    if (Object.keys(found).length > 0) return setErrors(found);
    setSaving(true);
    try {
      const saved = server
        ? await api.mcp.update(parsed.data as UpdateMcpServerInput)
        : await api.mcp.add(parsed.data as AddMcpServerInput);
      useMcpStore.getState().upsert(saved);
      onSaved(saved);
    } catch (error) {
      setErrors({ '': errorMessage(error) });
      setSaving(false);
    }
  };

  const secretsHint = canStore
    ? 'Values are stored encrypted on this computer and never shown again. ${NAME} reads a variable from Navi’s environment instead.'
    : 'This Navi has no secure store: refer to its environment instead, e.g. ${GITHUB_TOKEN} or Bearer ${API_KEY}.';
  const http = draft.transport === 'http';
  return (
    <form className="mcp-form" onSubmit={(event) => void submit(event)} noValidate>
      <McpTransportChoice value={draft.transport} onChange={(transport) => change({ transport })} />
      <Field label="Name" error={errors.name} hint="Also how the agent tells this server's tools apart.">
        {(props) => (
          <input
            {...props}
            value={draft.name}
            placeholder={http ? 'e.g. Issue tracker' : 'e.g. Files'}
            onChange={(event) => change({ name: event.target.value })}
          />
        )}
      </Field>
      {http ? (
        <Field label="URL" error={errors.url} hint="The server's endpoint, often ending in /mcp (or /sse).">
          {(props) => (
            <input
              {...props}
              className="mono"
              inputMode="url"
              value={draft.url}
              placeholder="http://localhost:3001/mcp"
              spellCheck={false}
              onChange={(event) => change({ url: event.target.value })}
            />
          )}
        </Field>
      ) : (
        <McpStdioFields draft={draft} errors={errors} onChange={change} />
      )}
      <McpEntriesEditor
        key={draft.transport}
        legend={http ? 'Headers' : 'Environment variables'}
        noun={http ? 'header' : 'variable'}
        namePlaceholder={http ? 'Authorization' : 'API_KEY'}
        rows={http ? draft.headers : draft.env}
        onChange={(rows) => change(http ? { headers: rows } : { env: rows })}
        errors={entryErrors(draft, errors)}
        hint={secretsHint}
      />
      {errors[''] && (
        <p className="inline-error" role="alert">
          {errors['']}
        </p>
      )}
      <div className="form-actions">
        <span className="spacer" />
        <button type="button" className="button subtle" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : server ? 'Save' : 'Add server'}
        </button>
      </div>
    </form>
  );
}
