import { create } from 'zustand';
import type { McpServer, McpServerStatus, NaviClient } from '../../../shared/contract';
import { errorMessage } from '../lib/errorMessage';

interface McpStore {
  /** Configured servers in the order the core lists them; undefined until loaded. */
  readonly servers: readonly McpServer[] | undefined;
  readonly loadError: string | undefined;
  load(api: NaviClient): Promise<void>;
  /** A server as a call answered it (added, edited, switched on or off). */
  upsert(server: McpServer): void;
  removeLocal(id: string): void;
  /** A live `mcp-status` app event. */
  applyStatus(status: McpServerStatus): void;
}

export const useMcpStore = create<McpStore>((set) => ({
  servers: undefined,
  loadError: undefined,
  load: async (api) => {
    try {
      set({ servers: await api.mcp.list(), loadError: undefined });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  upsert: (server) =>
    set((state) => {
      const servers = state.servers ?? [];
      const known = servers.some((candidate) => candidate.id === server.id);
      return {
        servers: known
          ? servers.map((candidate) => (candidate.id === server.id ? server : candidate))
          : [...servers, server],
      };
    }),
  removeLocal: (id) => set((state) => ({ servers: state.servers?.filter((server) => server.id !== id) })),
  applyStatus: (status) =>
    set((state) => {
      if (!state.servers?.some((server) => server.id === status.serverId)) return state;
      return {
        servers: state.servers.map((server) =>
          server.id === status.serverId ? { ...server, name: status.name, status } : server,
        ),
      };
    }),
}));

/** How many servers are switched on, and how many of those are connected (the chat indicator). */
export interface McpSummary {
  readonly total: number;
  readonly enabled: number;
  readonly connected: number;
  readonly failing: number;
}

export function summarize(servers: readonly McpServer[]): McpSummary {
  let enabled = 0;
  let connected = 0;
  let failing = 0;
  for (const server of servers) {
    if (server.status.state === 'disabled') continue;
    enabled++;
    if (server.status.state === 'connected') connected++;
    if (server.status.state === 'error') failing++;
  }
  return { total: servers.length, enabled, connected, failing };
}
