import { UriTemplate } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import type {
  McpPrompt,
  McpResource,
  McpResourceRef,
  McpResourceTemplate,
  McpServerStatus,
  McpStatusChangedEvent,
  McpToolInfo,
} from '../../shared/contract/mcp';
import { DisposableStore } from '../../shared/rpc/disposable';
import { RpcError } from '../../shared/rpc/errors';
import { systemClock, type Clock, type Logger } from '../ports';
import type { Env } from '../settings/envSettings';
import type { ToolRegistry } from '../tools/toolRegistry';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { childEnvironment } from './childEnvironment';
import { openMcpConnection, type McpConnection } from './mcpConnection';
import { promptView, resourceView, templateView } from './mcpOfferViews';
import { promptText } from './promptText';
import { resourcePart, type ResourcePart } from './resourcePart';
import type { ResolvedMcpServer } from './mcpServerConfig';
import type { McpServerChangeEvent, McpServerConfigs } from './mcpServerConfigs';
import { McpServerSupervisor, type ConnectRequest } from './mcpServerSupervisor';
import type { McpOAuth } from './oauth/mcpOAuth';
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
  /** OAuth sign-ins of HTTP servers (absent: such servers are refused with a clear error). */
  readonly oauth?: McpOAuth;
}

function readable(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^MCP error -?\d+: /, '');
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

  /**
   * Starts signing in to an HTTP server that uses OAuth: answers with the page to open (null when
   * the stored sign-in was still good). Once the browser comes back, the server connects again.
   */
  async signIn(id: string): Promise<{ authorizationUrl: string | null; opened: boolean }> {
    const supervisor = this.requireSupervisor(id);
    const config = this.options.configs.require(id);
    if (config.transport !== 'http' || !config.url || !this.options.oauth) {
      throw new RpcError('invalid_input', `${config.name} does not sign in with OAuth.`);
    }
    return this.options.oauth.signIn({
      serverId: id,
      serverName: config.name,
      url: config.url,
      onSignedIn: () => supervisor.reconnect(),
    });
  }

  /** Forgets the server's sign-in and connects again (it then needs a new sign-in). */
  async signOut(id: string): Promise<void> {
    const supervisor = this.requireSupervisor(id);
    await this.options.oauth?.signOut(id);
    await supervisor.reconnect();
  }

  /** Every connected server's prompts, by server name then prompt name. */
  prompts(): McpPrompt[] {
    return this.connected().flatMap(({ supervisor, catalog }) =>
      catalog.prompts.map((prompt) => promptView(this.source(supervisor), prompt)),
    );
  }

  /** Renders a server's prompt into text for the composer. Errors are readable RpcErrors. */
  async renderPrompt(serverId: string, name: string, args: Record<string, string>): Promise<string> {
    const { supervisor, connection } = this.requireConnected(serverId);
    try {
      return promptText(await connection.getPrompt(name, args, { timeoutMs: this.requestTimeoutMs }));
    } catch (error) {
      throw new RpcError('invalid_input', `The prompt "${name}" of ${supervisor.name} failed: ${readable(error)}`);
    }
  }

  /** Connected servers' resources and templates (one server's when `serverId` is given). */
  resources(serverId?: string): { resources: McpResource[]; templates: McpResourceTemplate[] } {
    const servers = this.connected().filter(({ supervisor }) => serverId === undefined || supervisor.id === serverId);
    return {
      resources: servers.flatMap(({ supervisor, catalog }) =>
        catalog.resources.map((resource) => resourceView(this.source(supervisor), resource)),
      ),
      templates: servers.flatMap(({ supervisor, catalog }) =>
        catalog.templates.flatMap((template) => templateView(this.source(supervisor), template) ?? []),
      ),
    };
  }

  /** A template of the server with its variables filled in. */
  expandTemplate(serverId: string, uriTemplate: string, values: Record<string, string>): string {
    const { catalog } = this.requireConnected(serverId);
    if (!catalog.templates.some((template) => template.uriTemplate === uriTemplate)) {
      throw new RpcError('not_found', 'The server no longer offers that kind of resource.');
    }
    return new UriTemplate(uriTemplate).expand(values);
  }

  /**
   * Reads resources to attach to a message, in order. Fails with a readable RpcError naming the
   * first one that cannot be read (so nothing is sent half-attached).
   */
  async readResources(refs: readonly McpResourceRef[], signal?: AbortSignal): Promise<ResourcePart[]> {
    return Promise.all(
      refs.map(async (ref) => {
        const { supervisor, connection, catalog } = this.requireConnected(ref.serverId);
        const listed = catalog.resources.find((resource) => resource.uri === ref.uri);
        const name = listed?.title ?? listed?.name ?? ref.uri.split('/').filter(Boolean).at(-1) ?? ref.uri;
        try {
          const result = await connection.readResource(ref.uri, { timeoutMs: this.requestTimeoutMs, signal });
          return resourcePart(this.source(supervisor), ref.uri, name, result);
        } catch (error) {
          throw new RpcError('invalid_input', `Could not read ${name} from ${supervisor.name}: ${readable(error)}`);
        }
      }),
    );
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

  private get requestTimeoutMs(): number {
    return this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  }

  private source(supervisor: McpServerSupervisor): { serverId: string; serverName: string } {
    return { serverId: supervisor.id, serverName: supervisor.name };
  }

  private connected() {
    return [...this.supervisors.values()]
      .flatMap((supervisor) => {
        const live = supervisor.live;
        return live ? [{ supervisor, ...live }] : [];
      })
      .sort((a, b) => a.supervisor.name.localeCompare(b.supervisor.name));
  }

  private requireConnected(id: string) {
    const supervisor = this.requireSupervisor(id);
    const live = supervisor.live;
    if (!live) throw new RpcError('conflict', `The MCP server "${supervisor.name}" is not connected right now.`);
    return { supervisor, ...live };
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
      authProvider: this.authProviderFor(resolved),
    });
  }

  /** HTTP servers sign in with OAuth when they ask, unless their settings send a token already. */
  private authProviderFor(server: ResolvedMcpServer) {
    if (server.transport !== 'http' || !this.options.oauth) return undefined;
    if (Object.keys(server.headers).some((name) => name.toLowerCase() === 'authorization')) return undefined;
    return this.options.oauth.providerFor(server.id, server.url);
  }

  private trackProcess(process: ProcessTransport): void {
    for (const known of this.processes) if (known.exit) this.processes.delete(known);
    this.processes.add(process);
  }
}
