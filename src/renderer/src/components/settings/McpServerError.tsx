import type { McpServerStatus } from '../../../../shared/contract';
import { retryText } from '../mcp/mcpStatusText';

interface McpServerErrorProps {
  /** The failure to explain (the current status, or the last one while Navi tries again). */
  readonly failure: McpServerStatus;
  readonly retrying: boolean;
  readonly outputOpen: boolean;
  readonly onOutputToggle: (open: boolean) => void;
}

/** Why a server is not connected, when Navi tries again, and what it last wrote to stderr. */
export function McpServerError({ failure, retrying, outputOpen, onOutputToggle }: McpServerErrorProps) {
  const retry = retrying ? 'Trying again now…' : retryText(failure);
  const lines = failure.stderrTail.length;
  return (
    <div className="mcp-error">
      <p className="mcp-error-reason">{failure.error ?? 'The server is not reachable.'}</p>
      {retry && <p className="mcp-error-retry">{retry}</p>}
      {lines > 0 && (
        <details
          className="mcp-stderr"
          open={outputOpen}
          onToggle={(event) => onOutputToggle(event.currentTarget.open)}
        >
          <summary>
            Server output (last {lines} {lines === 1 ? 'line' : 'lines'})
          </summary>
          <pre aria-label="Server output">{failure.stderrTail.join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
