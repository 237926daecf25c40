import { useState } from 'react';
import { useMcpStore } from '../../stores/mcpStore';
import { useMcpServers } from '../mcp/useMcpServers';
import { McpImportForm } from './McpImportForm';
import { McpServerCard } from './McpServerCard';
import { McpServerForm } from './McpServerForm';
import './mcpSettings.css';

type Panel = 'add' | 'import' | undefined;

/** MCP servers whose tools the agent may use: live status, add, import, edit, remove. */
export function McpSection() {
  const servers = useMcpServers();
  const loadError = useMcpStore((state) => state.loadError);
  const [panel, setPanel] = useState<Panel>();
  return (
    <section className="settings-section" aria-labelledby="mcp-heading">
      <div className="section-head">
        <h3 id="mcp-heading">MCP servers</h3>
        {!panel && (
          <div className="provider-actions">
            <button type="button" className="button small" onClick={() => setPanel('import')}>
              Import JSON
            </button>
            <button type="button" className="button small" onClick={() => setPanel('add')}>
              Add server
            </button>
          </div>
        )}
      </div>
      <p className="field-hint mcp-intro">
        Model Context Protocol servers give the agent more tools: files, issue trackers, browsers and more.
      </p>
      {loadError && (
        <p className="inline-error" role="alert">
          Could not load the MCP servers: {loadError}
        </p>
      )}
      {servers && servers.length === 0 && !panel && <p className="muted">No MCP server yet.</p>}
      {servers && servers.length > 0 && (
        <ul className="provider-list" aria-label="MCP servers">
          {servers.map((server) => (
            <McpServerCard key={server.id} server={server} />
          ))}
        </ul>
      )}
      {panel === 'add' && (
        <div className="card nested">
          <h4>Add an MCP server</h4>
          <McpServerForm onSaved={() => setPanel(undefined)} onCancel={() => setPanel(undefined)} />
        </div>
      )}
      {panel === 'import' && (
        <div className="card nested">
          <h4>Import MCP servers</h4>
          <McpImportForm onClose={() => setPanel(undefined)} />
        </div>
      )}
    </section>
  );
}
