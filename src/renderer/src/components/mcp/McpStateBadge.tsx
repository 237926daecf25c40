import type { McpServerStatus } from '../../../../shared/contract';
import { statusLabel } from './mcpStatusText';
import './mcp.css';

/** A server's state as a small coloured pill with a dot. */
export function McpStateBadge({ status }: { readonly status: McpServerStatus }) {
  return (
    <span className={`mcp-state mcp-state-${status.state}`}>
      <span className="mcp-dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  );
}
