import type {
  BuiltinToolPolicyView,
  McpToolInfo,
  NaviServices,
  ServerPolicyView,
  ToolPolicyOverview,
} from '../../shared/contract';
import { MAX_TOOL_RUN_LOG_PAGE } from '../../shared/contract';
import { RpcError } from '../../shared/rpc/errors';
import type { ToolRunLog } from '../approvals/toolRunLog';
import { defaultPolicy, mcpToolKey, resolveToolPolicy, sourceOf } from '../tools/toolPolicy';
import type { ToolPolicyStore } from '../tools/toolPolicyStore';
import type { ToolRegistry } from '../tools/toolRegistry';

export interface ToolsServiceDeps {
  readonly tools: ToolRegistry;
  readonly policies: ToolPolicyStore;
  readonly log: ToolRunLog;
  /** Configured MCP servers (connected or not). */
  readonly servers: () => readonly { readonly id: string; readonly name: string }[];
  /** A server's tools as last listed. */
  readonly serverTools: (serverId: string) => readonly McpToolInfo[];
}

/** The `tools` service: policies for Settings, and each conversation's tool-run log. */
export function createToolsService(deps: ToolsServiceDeps): NaviServices['tools'] {
  const overview = (): ToolPolicyOverview => {
    const rules = deps.policies.rules();
    const builtins: BuiltinToolPolicyView[] = [];
    for (const tool of deps.tools.list()) {
      const source = sourceOf(tool);
      if (source.kind !== 'builtin') continue;
      const resolved = resolveToolPolicy(tool.name, source, rules);
      builtins.push({
        name: tool.name,
        agentName: tool.name,
        description: tool.description,
        access: source.access,
        rule: rules.builtins.get(tool.name) ?? null,
        effective: resolved.policy,
        source: resolved.source,
        inherited: defaultPolicy(source),
      });
    }
    builtins.sort((a, b) => a.name.localeCompare(b.name));
    const servers: ServerPolicyView[] = deps.servers().map((server) => {
      const serverRule = rules.servers.get(server.id) ?? null;
      const sourceOfTool = (toolName: string) =>
        ({ kind: 'mcp', serverId: server.id, serverName: server.name, toolName }) as const;
      const serverDefault = defaultPolicy(sourceOfTool(''));
      return {
        serverId: server.id,
        name: server.name,
        rule: serverRule,
        inherited: serverDefault,
        tools: deps.serverTools(server.id).map((tool) => {
          const resolved = resolveToolPolicy(tool.agentName, sourceOfTool(tool.name), rules);
          return {
            name: tool.name,
            agentName: tool.agentName,
            description: tool.title ? `${tool.title}: ${tool.description}` : tool.description,
            rule: rules.mcpTools.get(mcpToolKey(server.id, tool.name)) ?? null,
            effective: resolved.policy,
            source: resolved.source,
            inherited: serverRule ?? serverDefault,
          };
        }),
      };
    });
    return { builtins, servers };
  };

  return {
    policies: () => overview(),
    setPolicy: ({ target, policy }) => {
      if (target.kind === 'builtin') {
        const tool = deps.tools.get(target.tool);
        if (!tool || sourceOf(tool).kind !== 'builtin') {
          throw new RpcError('not_found', `There is no built-in tool named "${target.tool}".`);
        }
      } else if (!deps.policies.serverExists(target.serverId)) {
        throw new RpcError('not_found', 'That MCP server no longer exists.');
      }
      deps.policies.set(target, policy);
      return overview();
    },
    runLog: ({ sessionId, beforeId, limit }) =>
      deps.log.page(sessionId, { beforeId, limit: limit ?? MAX_TOOL_RUN_LOG_PAGE }),
  };
}
