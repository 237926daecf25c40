import { useState } from 'react';
import type { McpServer } from '../../../../shared/contract';
import { Switch } from './Switch';
import { useMcpTools } from './useMcpTools';

/** The server's tools, each on or off for the agent; listed when opened. */
export function McpToolList({ server }: { readonly server: McpServer }) {
  const [open, setOpen] = useState(false);
  const { tools, error, setEnabled } = useMcpTools(server, open);
  const offered = server.status.state === 'connected' ? server.status.toolCount : undefined;
  const off = server.disabledTools.length;
  return (
    <details className="mcp-tools" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Tools
        {offered !== undefined && ` · ${offered} offered to the agent`}
        {off > 0 && ` · ${off} turned off`}
      </summary>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {open && !tools && !error && <p className="muted">Loading tools…</p>}
      {tools && tools.length === 0 && (
        <p className="muted">
          {server.status.state === 'connected'
            ? 'This server offers no tools.'
            : 'Tools are listed once the server has connected.'}
        </p>
      )}
      {tools && tools.length > 0 && (
        <ul className="mcp-tool-list" aria-label={`Tools of ${server.name}`}>
          {tools.map((tool) => (
            <li key={tool.name}>
              <Switch
                label={tool.name}
                checked={tool.enabled}
                hint={tool.description || undefined}
                onChange={(enabled) => void setEnabled(tool.name, enabled)}
              />
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
