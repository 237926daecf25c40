import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { routeHash, SETTINGS } from '../../routing/route';
import { summarize } from '../../stores/mcpStore';
import { McpStatusList } from './McpStatusList';
import { useDismiss } from './useDismiss';
import { useMcpServers } from './useMcpServers';
import './mcp.css';

function toneOf(summary: ReturnType<typeof summarize>): string {
  if (summary.failing > 0) return 'error';
  if (summary.enabled === 0) return 'disabled';
  return summary.connected === summary.enabled ? 'connected' : 'connecting';
}

/**
 * "MCP 2/3" in the chat header: connected of the servers switched on, with a popover listing every
 * server's state. Hidden while no server is configured; live from `mcp-status` events.
 */
export function McpIndicator() {
  const servers = useMcpServers();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const popoverId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, container, close);
  const summary = useMemo(() => (servers ? summarize(servers) : undefined), [servers]);
  if (!servers || !summary || summary.total === 0) return null;

  const text = summary.enabled === 0 ? 'MCP off' : `MCP ${summary.connected}/${summary.enabled}`;
  const detail =
    summary.enabled === 0
      ? 'every MCP server is turned off'
      : `${summary.connected} of ${summary.enabled} MCP servers connected${summary.failing > 0 ? `, ${summary.failing} failing` : ''}`;
  return (
    <div className="mcp-indicator" ref={container}>
      <button
        type="button"
        className={`mcp-chip mcp-state-${toneOf(summary)}`}
        aria-label={`${text}: ${detail}`}
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        title={servers.map((server) => `${server.name}: ${server.status.state}`).join('\n')}
        onClick={() => setOpen((current) => !current)}
      >
        <span className="mcp-dot" aria-hidden="true" />
        {text}
      </button>
      {open && (
        <div className="mcp-popover" id={popoverId} role="region" aria-label="MCP servers">
          <McpStatusList servers={servers} />
          <a className="mcp-popover-link" href={`${routeHash(SETTINGS)}`} onClick={close}>
            Manage MCP servers in Settings
          </a>
        </div>
      )}
    </div>
  );
}
