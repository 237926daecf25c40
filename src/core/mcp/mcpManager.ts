import type { McpServerStatus, McpStatusChangedEvent, McpToolInfo } from '../../shared/contract/mcp';
import { DisposableStore } from '../../shared/rpc/disposable';
import { RpcError } from '../../shared/rpc/errors';
import { systemClock, type Clock, type Logger } from '../ports';
import type { Env } from '../settings/envSettings';
import type { ToolRegistry } from '../tools/toolRegistry';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { childEnvironment } from './childEnvironment';
import { openMcpConnection, type McpConnection } from './mcpConnection';
import type { ResolvedMcpServer } from './mcpServerConfig';
import type { McpServerChangeEvent, McpServerConfigs } from './mcpServerConfigs';
import { McpServerSupervisor, type ConnectRequest } from './mcpServerSupervisor';
import { DEFAULT_GRACE_MS, type ProcessTransport } from './processTransport';

export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
export const DEFAULT_CALL_TIMEOUT_MS = 120_000;

export interface McpManagerOptions {
  readonly configs: McpServerConfigs;
  readonly tools: ToolRegistry;
  /** Where status changes go (the app event bus): every window shows them live. */
  readonly publish: (event: McpStatusChangedEvent) => void;
  /** Backoff timers and timestamps. */
  readonly clock: Clock;
  readonly logger: Logger;
  /** Navi's environment: what stdio servers may inherit (PATH, HOME …) and what "${VAR}" values refer to. */
  readonly env: Env;
  readonly backoff?: Partial<BackoffPolicy>;
  /** How long the handshake (and listing tools) may take. */
  readonly connectTimeoutMs?: number;
  /** A tool call fails after this long without a result or progress. */
  readonly callTimeoutMs?: number;
  /** How long a stdio server gets to exit after stdin closes, and again after SIGTERM. */
  readonly graceMs?: number;
  /** Real-time timers for those grace periods (processes do not follow a test's fake clock). */
  readonly processTimers?: Clock;
  /** How Navi introduces itself to servers. */
  readonly clientInfo?: { readonly name: string; readonly version: string };
}

/**
 * Every configured MCP server, one supervisor each: follows settings changes, offers connected
 * servers' tools to the agent and publishes each status change. Dispose it (and await that) on
 * shutdown: stdio servers are ended and waited for, so none outlives Navi.
 */
export class McpManager {
  private readonly supervisors = new Map<string, McpServerSupervisor>();
  private readonly subscriptions = new DisposableStore();
  /** Every stdio child started, until it is known to have exited (for killAllNow). */
  private readonly processes = new Set<ProcessTransport>();
  private readonly backoff: BackoffPolicy;
  private started = false;
  private disposing: Promise<void> | undefined;
  /** Settings changes are applied in order, one at a time. */
  private changeQueue: Promise<void> = Promise.resolve();

  constructor(private readonly options: McpManagerOptions) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  /** Connects every enabled server and starts following settings changes. */
  start(): void {
    if (this.started || this.disposing) return;
    this.started = true;
    this.subscriptions.add(this.options.configs.onChanged((change) => this.onConfigChanged(change)));
    for (const server of this.options.configs.list()) this.addSupervisor(server.id);
  }

  status(id: string): McpServerStatus | undefined {
    return this.supervisors.get(id)?.status;
  }

  statuses(): McpServerStatus[] {
    return [...this.supervisors.values()].map((supervisor) => supervisor.status);
  }

  tools(id: string): McpToolInfo[] {
    return this.requireSupervisor(id).tools();
  }

  /** The stdio server's pid while connected (diagnostics and tests). */
  pid(id: string): number | undefined {
    return this.supervisors.get(id)?.pid;
  }

  reconnect(id: string): Promise<void> {
    return this.requireSupervisor(id).reconnect();
  }

  /** Resolves once settings changes made so far have been applied. */
  settled(): Promise<void> {
    return this.changeQueue;
  }

  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      this.subscriptions.dispose();
      await this.changeQueue;
      const supervisors = [...this.supervisors.values()];
      this.supervisors.clear();
      await Promise.all(supervisors.map((supervisor) => supervisor.dispose()));
    })();
    return this.disposing;
  }

  /**
   * Kills every stdio server at once, synchronously: for a process 'exit' handler, when there is
   * no time for dispose(). Prefer dispose(), which lets servers shut down cleanly.
   */
  killAllNow(): void {
    for (const process of this.processes) process.killNow();
  }

  private requireSupervisor(id: string): McpServerSupervisor {
    const supervisor = this.supervisors.get(id);
    if (!supervisor) throw new RpcError('not_found', 'That MCP server no longer exists');
    return supervisor;
  }

  private onConfigChanged(change: McpServerChangeEvent): void {
    this.changeQueue = this.changeQueue
      .then(async () => {
        if (this.disposing) return;
        const existing = this.supervisors.get(change.serverId);
        const config = this.options.configs.get(change.serverId);
        if (!config) {
          this.supervisors.delete(change.serverId);
          await existing?.dispose();
        } else if (existing) {
          await existing.update(config, change.restart);
        } else {
          this.addSupervisor(change.serverId);
        }
      })
      .catch((error: unknown) => this.options.logger.error('Applying an MCP settings change failed:', error));
  }

  private addSupervisor(id: string): void {
    const config = this.options.configs.get(id);
    if (!config || this.supervisors.has(id)) return;
    const supervisor = new McpServerSupervisor(config, {
      tools: this.options.tools,
      clock: this.options.clock,
      logger: this.options.logger,
      backoff: this.backoff,
      callTimeoutMs: this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      resolve: (server) => this.options.configs.resolve(server),
      connect: (server, request) => this.connect(server, request),
      onStatus: (server) => this.options.publish({ type: 'mcp-status', server }),
    });
    this.supervisors.set(id, supervisor);
    supervisor.start();
  }

  private async connect(server: ResolvedMcpServer, request: ConnectRequest): Promise<McpConnection> {
    const resolved: ResolvedMcpServer =
      server.transport === 'stdio' ? { ...server, env: childEnvironment(this.options.env, server.env) } : server;
    return openMcpConnection(resolved, {
      clientInfo: this.options.clientInfo ?? { name: 'Navi', version: '0.0.0' },
      connectTimeoutMs: this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      signal: request.signal,
      onStderr: request.onStderr,
      graceMs: this.options.graceMs ?? DEFAULT_GRACE_MS,
      timers: this.options.processTimers ?? systemClock,
      logger: this.options.logger,
      onProcess: (process) => this.trackProcess(process),
    });
  }

  private trackProcess(process: ProcessTransport): void {
    for (const known of this.processes) if (known.exit) this.processes.delete(known);
    this.processes.add(process);
  }
}
