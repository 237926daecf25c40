import type { McpServer, McpServerStatus, mcpService } from '../../shared/contract/mcp';
import { RpcError } from '../../shared/rpc/errors';
import type { ServiceImpl } from '../../shared/rpc/service';
import { createCommandGate, stdioCommandReview, type ConfirmStdioCommands } from '../mcp/commandConfirmation';
import { parseMcpServersJson } from '../mcp/importMcpJson';
import type { McpManager } from '../mcp/mcpManager';
import type { StoredMcpServer } from '../mcp/mcpServerConfig';
import type { McpServerConfigs } from '../mcp/mcpServerConfigs';
import type { McpOAuth } from '../mcp/oauth/mcpOAuth';

export type McpServiceImpl = ServiceImpl<typeof mcpService>;

export interface McpServiceDeps {
  readonly configs: McpServerConfigs;
  readonly manager: McpManager;
  /** OAuth sign-ins of HTTP servers. */
  readonly oauth: McpOAuth;
  readonly now: () => number;
  /** Asks the person before a stdio server's program is added or changed (the desktop's native dialog). */
  readonly confirmCommands?: ConfirmStdioCommands;
}

/** The `mcp` service: settings in, views (never secret values) and statuses out. */
export function createMcpService({ configs, manager, oauth, now, confirmCommands }: McpServiceDeps): McpServiceImpl {
  const confirmed = createCommandGate(confirmCommands);
  const statusOf = (server: StoredMcpServer): McpServerStatus =>
    manager.status(server.id) ?? {
      serverId: server.id,
      name: server.name,
      state: server.enabled ? 'connecting' : 'disabled',
      toolCount: 0,
      promptCount: 0,
      resourceCount: 0,
      error: null,
      stderrTail: [],
      retryAt: null,
      failures: 0,
      since: now(),
    };

  const view = async (server: StoredMcpServer): Promise<McpServer> => {
    const entries = await configs.entryViews(server);
    return {
      id: server.id,
      name: server.name,
      transport: server.transport,
      command: server.command,
      args: [...server.args],
      cwd: server.cwd,
      env: entries.env,
      url: server.url,
      headers: entries.headers,
      signedIn: server.transport === 'http' && (await oauth.isSignedIn(server.id)),
      enabled: server.enabled,
      disabledTools: [...server.disabledTools],
      createdAt: server.createdAt,
      updatedAt: server.updatedAt,
      status: statusOf(server),
    };
  };

  /** The manager applies a change asynchronously; answer with the status it leads to. */
  const viewAfterChange = async (server: StoredMcpServer) => {
    await manager.settled();
    return view(configs.get(server.id) ?? server);
  };

  return {
    list: () => Promise.all(configs.list().map(view)),
    add: async (input) => {
      await confirmed([stdioCommandReview(undefined, input)]);
      return viewAfterChange(await configs.add(input));
    },
    update: async (input) => {
      await confirmed([stdioCommandReview(configs.require(input.id), input)]);
      return viewAfterChange(await configs.update(input));
    },
    remove: async ({ id }) => {
      const removed = await configs.remove(id);
      await manager.settled();
      if (removed) await oauth.signOut(id);
      return { removed };
    },
    setEnabled: ({ id, enabled }) => viewAfterChange(configs.setEnabled(id, enabled)),
    setToolEnabled: ({ id, tool, enabled }) => viewAfterChange(configs.setToolEnabled(id, tool, enabled)),
    importJson: async ({ json }) => {
      const parsed = parseMcpServersJson(json);
      if (parsed.fatal) throw new RpcError('invalid_input', parsed.fatal);
      await confirmed(parsed.entries.map((entry) => stdioCommandReview(undefined, entry.draft)));
      const added: McpServer[] = [];
      const errors = [...parsed.errors];
      for (const entry of parsed.entries) {
        try {
          added.push(await viewAfterChange(await configs.add(entry.draft)));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          errors.push({ entry: entry.key, message: `"${entry.key}": ${message}` });
        }
      }
      return { added, errors };
    },
    reconnect: async ({ id }) => {
      const server = configs.require(id);
      await manager.reconnect(id);
      return view(server);
    },
    listTools: ({ id }) => {
      configs.require(id);
      return manager.tools(id);
    },
    signIn: ({ id }) => manager.signIn(id),
    signOut: async ({ id }) => {
      await manager.signOut(id);
      return view(configs.require(id));
    },
    listPrompts: () => manager.prompts(),
    getPrompt: async ({ serverId, name, arguments: args }) => ({
      text: await manager.renderPrompt(serverId, name, args),
    }),
    listResources: (input) => manager.resources(input?.serverId),
    expandTemplate: ({ serverId, uriTemplate, values }) => ({
      uri: manager.expandTemplate(serverId, uriTemplate, values),
    }),
    onChanged: () => (listener) => configs.onChanged(({ kind, serverId }) => listener({ kind, serverId })),
  };
}
