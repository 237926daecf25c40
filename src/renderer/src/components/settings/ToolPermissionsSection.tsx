import type { BuiltinAccess, ServerPolicyView, ToolPolicy } from '../../../../shared/contract';
import { ToolPolicySelect } from './ToolPolicySelect';
import { useToolPolicies, type ToolPolicies } from './useToolPolicies';
import './toolPermissions.css';

const ACCESS_TEXT: Readonly<Record<BuiltinAccess, string>> = {
  'read-only': 'Only reads',
  'navi-only': "Only changes Navi's own recalls",
  external: 'Acts outside Navi',
};

function ServerPolicies({ server, set }: { server: ServerPolicyView; set: ToolPolicies['set'] }) {
  const setServer = (policy: ToolPolicy | null) => void set({ kind: 'server', serverId: server.serverId }, policy);
  return (
    <li className="tool-policy-server" aria-label={server.name}>
      <div className="tool-policy-row tool-policy-server-row">
        <div className="tool-policy-text">
          <strong>{server.name}</strong>
          <span className="muted">Every tool of this server, unless set below. Allow trusts the whole server.</span>
        </div>
        <ToolPolicySelect
          label={`Permission for all tools of ${server.name}`}
          rule={server.rule}
          inherited={server.inherited}
          inheritedFrom="Default"
          onChange={setServer}
        />
      </div>
      {server.tools.length === 0 ? (
        <p className="muted tool-policy-empty">Its tools are listed once the server has connected.</p>
      ) : (
        <ul className="tool-policy-list" aria-label={`Tools of ${server.name}`}>
          {server.tools.map((tool) => (
            <li key={tool.name} className="tool-policy-row">
              <div className="tool-policy-text">
                <span className="tool-name">{tool.name}</span>
                {tool.description && <span className="muted">{tool.description}</span>}
              </div>
              <ToolPolicySelect
                label={`Permission for ${tool.name}`}
                rule={tool.rule}
                inherited={tool.inherited}
                inheritedFrom="Same as the server"
                onChange={(policy) =>
                  void set({ kind: 'mcp-tool', serverId: server.serverId, tool: tool.name }, policy)
                }
              />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * Which tools run without asking (Allow), which ask first in the chat (Ask), and which never run
 * (Never): for Navi's own tools, for whole MCP servers and for each of their tools.
 */
export function ToolPermissionsSection() {
  const { overview, error, set } = useToolPolicies();
  return (
    <section className="settings-section" aria-labelledby="tool-permissions-heading">
      <h3 id="tool-permissions-heading">Tool permissions</h3>
      <p className="muted tool-policy-intro">
        <strong>Allow</strong> runs a tool without asking. <strong>Ask</strong> pauses the reply and asks in the chat
        (Allow once, Always allow, Deny). <strong>Never</strong> keeps it from the agent. MCP tools ask until you
        decide; in a recall run, the recall&apos;s own setting says whether to wait for your OK or deny and continue.
      </p>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {!overview && !error && <p className="muted">Loading tools…</p>}
      {overview && (
        <>
          <h4 className="tool-policy-heading">Built-in tools</h4>
          <ul className="tool-policy-list" aria-label="Built-in tools">
            {overview.builtins.map((tool) => (
              <li key={tool.name} className="tool-policy-row">
                <div className="tool-policy-text">
                  <span className="tool-name">{tool.name}</span>
                  <span className="muted">{ACCESS_TEXT[tool.access]}</span>
                </div>
                <ToolPolicySelect
                  label={`Permission for ${tool.name}`}
                  rule={tool.rule}
                  inherited={tool.inherited}
                  inheritedFrom="Default"
                  onChange={(policy) => void set({ kind: 'builtin', tool: tool.name }, policy)}
                />
              </li>
            ))}
          </ul>
          <h4 className="tool-policy-heading">MCP server tools</h4>
          {overview.servers.length === 0 ? (
            <p className="muted">No MCP servers yet. Add one under MCP servers.</p>
          ) : (
            <ul className="tool-policy-servers" aria-label="MCP server permissions">
              {overview.servers.map((server) => (
                <ServerPolicies key={server.serverId} server={server} set={set} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
