import { useState } from 'react';
import type { McpServer } from '../../../../shared/contract';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { McpStateBadge } from '../mcp/McpStateBadge';
import { EditingCard } from './EditingCard';
import { EditRemoveButtons } from './EditRemoveButtons';
import { McpServerError } from './McpServerError';
import { McpServerForm } from './McpServerForm';
import { McpSignIn } from './McpSignIn';
import { connectionSummary, entriesSummary } from './mcpServerSummary';
import { McpToolList } from './McpToolList';
import { Switch } from './Switch';
import { useLastFailure } from './useLastFailure';
import { useMcpServerActions } from './useMcpServerActions';

/** One MCP server: its live state, on/off, reconnect, edit, remove, and its tools. */
export function McpServerCard({ server }: { readonly server: McpServer }) {
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [outputOpen, setOutputOpen] = useState(false);
  const failure = useLastFailure(server.status);
  const actions = useMcpServerActions(server);
  const entries = entriesSummary(server);

  if (editing) {
    return (
      <EditingCard className="provider-card mcp-card editing" name={server.name}>
        <McpServerForm server={server} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
      </EditingCard>
    );
  }

  return (
    <li className="provider-card mcp-card" aria-label={server.name}>
      <div className="provider-summary">
        <div className="mcp-card-main">
          <div className="provider-name mcp-card-title">
            <span>{server.name}</span>
            <McpStateBadge status={server.status} />
          </div>
          <div className="provider-meta muted mcp-card-meta" title={connectionSummary(server)}>
            {server.transport === 'http' ? 'HTTP' : 'stdio'} · <span className="mono">{connectionSummary(server)}</span>
          </div>
          {entries && <div className="provider-meta muted">{entries}</div>}
        </div>
        <div className="provider-actions">
          <Switch
            label="Enabled"
            checked={actions.enabled}
            disabled={actions.busy === 'enable'}
            onChange={(enabled) => void actions.setEnabled(enabled)}
          />
          {actions.enabled && (
            <button
              type="button"
              className="button small"
              disabled={actions.busy === 'reconnect'}
              onClick={() => void actions.reconnect()}
            >
              {actions.busy === 'reconnect' ? 'Reconnecting…' : 'Reconnect'}
            </button>
          )}
          <EditRemoveButtons
            onEdit={() => setEditing(true)}
            onRemove={() => {
              actions.clearError();
              setRemoving(true);
            }}
          />
        </div>
      </div>
      {failure && (
        <McpServerError
          failure={failure}
          retrying={server.status.state === 'connecting'}
          outputOpen={outputOpen}
          onOutputToggle={setOutputOpen}
        />
      )}
      <McpSignIn server={server} />
      {actions.error && !removing && (
        <p className="inline-error" role="alert">
          {actions.error}
        </p>
      )}
      <McpToolList server={server} />
      {removing && (
        <ConfirmDialog
          title={`Remove ${server.name}?`}
          confirmLabel="Remove"
          danger
          busy={actions.busy === 'remove'}
          error={actions.error}
          onConfirm={() => void actions.remove()}
          onCancel={() => setRemoving(false)}
        >
          <p>
            {server.transport === 'stdio' ? 'Navi stops the server and' : 'Navi disconnects and'} forgets its settings,
            including stored values. The agent can no longer use its tools.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}
