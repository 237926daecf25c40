import type { McpServer } from '../../../../shared/contract';
import { McpStateBadge } from './McpStateBadge';

/** Every server's name and state, with the reason when one failed (the indicator's popover). */
export function McpStatusList({ servers }: { readonly servers: readonly McpServer[] }) {
  return (
    <ul className="mcp-status-list" aria-label="MCP server status">
      {servers.map((server) => (
        <li key={server.id} aria-label={server.name}>
          <div className="mcp-status-row">
            <span className="mcp-status-name">{server.name}</span>
            <McpStateBadge status={server.status} />
          </div>
          {(server.status.state === 'error' || server.status.state === 'needs-sign-in') && server.status.error && (
            <p className="mcp-status-error">{server.status.error}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
