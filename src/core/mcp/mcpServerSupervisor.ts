import type { McpConnectionState, McpServerStatus, McpToolInfo } from '../../shared/contract/mcp';
import { DisposableStore } from '../../shared/rpc/disposable';
import type { Clock, Logger, TimerHandle } from '../ports';
import type { ToolRegistry } from '../tools/toolRegistry';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { EMPTY_CATALOG, type McpCatalog } from './mcpCatalog';
import type { McpConnection } from './mcpConnection';
import { McpConfigurationError, McpSignInRequiredError } from './mcpErrors';
import { sameConnectionSettings, type ResolvedMcpServer, type StoredMcpServer } from './mcpServerConfig';
import { createMcpToolDefinition } from './mcpToolDefinition';
import { StderrTail } from './stderrTail';
import { agentToolName, serverSlug } from './toolNaming';

export interface ConnectRequest {
  readonly signal: AbortSignal;
  readonly onStderr: (text: string) => void;
}

export interface SupervisorDeps {
  readonly tools: ToolRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly backoff: BackoffPolicy;
  readonly callTimeoutMs: number;
  /** Fills in env and header values; throws McpConfigurationError when one is missing. */
  readonly resolve: (server: StoredMcpServer) => Promise<ResolvedMcpServer>;
  readonly connect: (server: ResolvedMcpServer, request: ConnectRequest) => Promise<McpConnection>;
  readonly onStatus: (status: McpServerStatus) => void;
}

interface Attempt {
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

/**
 * Keeps one server connected while it is enabled: connects, offers its tools to the agent, notices
 * when it goes away and tries again after a growing delay (timers from the injected clock, so a
 * server that keeps crashing is retried at most once per delay — never in a tight loop).
 */
export class McpServerSupervisor {
  private config: StoredMcpServer;
  private state: McpConnectionState = 'disabled';
  private error: string | null = null;
  private tail: string[] = [];
  private retryAt: number | null = null;
  /** Failed attempts since the last successful connection (shown in the status). */
  private failures = 0;
  /** Where the backoff stands; unlike `failures`, a connection that drops again soon does not reset it. */
  private backoffStep = 0;
  private since: number;
  private connection: McpConnection | undefined;
  private connectionListeners = new DisposableStore();
  private registrations = new DisposableStore();
  private registeredCount = 0;
  private catalog: McpCatalog = EMPTY_CATALOG;
  private attempt: Attempt | undefined;
  private retryTimer: TimerHandle | undefined;
  /** Bumped whenever running work becomes stale (stop, restart): late results of older work are dropped. */
  private generation = 0;
  private connectedAt = 0;
  private readonly stderr = new StderrTail(20);
  /** Connections and attempts still shutting down; dispose() waits for them. */
  private readonly settling = new Set<Promise<void>>();
  /** Serialises settings changes, reconnects and disposal. */
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    config: StoredMcpServer,
    private readonly deps: SupervisorDeps,
  ) {
    this.config = config;
    this.since = deps.clock.now();
  }

  get id(): string {
    return this.config.id;
  }

  get status(): McpServerStatus {
    return {
      serverId: this.config.id,
      name: this.config.name,
      state: this.state,
      toolCount: this.state === 'connected' ? this.registeredCount : 0,
      promptCount: this.state === 'connected' ? this.catalog.prompts.length : 0,
      resourceCount: this.state === 'connected' ? this.catalog.resources.length + this.catalog.templates.length : 0,
      error: this.error,
      stderrTail: this.tail,
      retryAt: this.retryAt,
      failures: this.failures,
      since: this.since,
    };
  }

  /** The server's tools as last listed, with the names the agent sees and whether each is turned on. */
  tools(): McpToolInfo[] {
    const slug = serverSlug(this.config.name);
    return this.catalog.tools.map((tool) => ({
      name: tool.name,
      agentName: agentToolName(slug, tool.name),
      title: tool.title ?? tool.annotations?.title ?? null,
      description: tool.description ?? '',
      enabled: !this.config.disabledTools.includes(tool.name),
    }));
  }

  /** The child's pid while connected over stdio (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.connection?.pid;
  }

  get name(): string {
    return this.config.name;
  }

  /** The live connection (undefined unless connected) and what the server offers on it. */
  get live(): { readonly connection: McpConnection; readonly catalog: McpCatalog } | undefined {
    return this.connection && this.state === 'connected'
      ? { connection: this.connection, catalog: this.catalog }
      : undefined;
  }

  start(): void {
    if (this.config.enabled) this.connectNow();
    else this.publish();
  }

  /**
   * The settings changed: reconnect if they connect differently (or `restart`: values in the secure
   * store may have changed under the same names), else just offer the tools again.
   */
  update(config: StoredMcpServer, restart: boolean): Promise<void> {
    return this.serial(async () => {
      const previous = this.config;
      this.config = config;
      if (!config.enabled) {
        await this.stop();
        this.resetFailures();
        this.setState('disabled', null);
        return;
      }
      if (restart || !previous.enabled || !sameConnectionSettings(previous, config)) {
        await this.stop();
        this.resetFailures();
        this.connectNow();
        return;
      }
      this.registerTools();
      this.publish();
    });
  }

  /** Connects again now, forgetting earlier failures. */
  reconnect(): Promise<void> {
    return this.serial(async () => {
      if (!this.config.enabled) return;
      await this.stop();
      this.resetFailures();
      this.connectNow();
    });
  }

  /** Stops for good: tools withdrawn, the process ended. */
  dispose(): Promise<void> {
    this.disposed = true;
    return this.serial(async () => {
      await this.stop();
      await Promise.all([...this.settling]);
    });
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work, work);
    this.queue = next.catch((error: unknown) => this.deps.logger.error('MCP server supervisor failed:', error));
    return next;
  }

  private connectNow(): void {
    if (this.disposed) return;
    this.clearRetry();
    this.abortAttempt();
    const generation = ++this.generation;
    const abort = new AbortController();
    this.stderr.clear();
    this.retryAt = null;
    this.setState('connecting', null);
    const done = this.runAttempt(generation, abort.signal).catch((error: unknown) =>
      this.deps.logger.error(`MCP server "${this.config.name}": connecting failed unexpectedly:`, error),
    );
    const attempt: Attempt = { abort, done };
    this.attempt = attempt;
    this.track(done.finally(() => this.attempt === attempt && (this.attempt = undefined)));
  }

  private async runAttempt(generation: number, signal: AbortSignal): Promise<void> {
    let connection: McpConnection;
    try {
      const resolved = await this.deps.resolve(this.config);
      if (signal.aborted) return;
      connection = await this.deps.connect(resolved, { signal, onStderr: (text) => this.stderr.push(text) });
    } catch (error) {
      if (generation !== this.generation) return;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof McpSignInRequiredError) {
        // Only the person can sign in: wait for them instead of retrying.
        this.failures = 0;
        this.retryAt = null;
        this.setState('needs-sign-in', message);
        return;
      }
      // Missing values will not appear by themselves: wait for the user to fix the settings.
      this.fail(message, !(error instanceof McpConfigurationError));
      return;
    }
    if (generation !== this.generation) {
      this.track(connection.close());
      return;
    }
    this.connection = connection;
    this.connectedAt = this.deps.clock.now();
    this.catalog = connection.catalog;
    const listeners = new DisposableStore();
    this.connectionListeners = listeners;
    listeners.add(
      connection.onCatalogChanged((catalog) => {
        const toolsChanged = catalog.tools !== this.catalog.tools;
        this.catalog = catalog;
        if (toolsChanged) this.registerTools();
        this.publish();
      }),
    );
    listeners.add(connection.onLost((reason) => this.lost(generation, reason)));
    this.registerTools();
    this.failures = 0;
    this.tail = [];
    this.setState('connected', null);
    this.deps.logger.info(`MCP server "${this.config.name}" connected with ${this.registeredCount} tools.`);
  }

  private lost(generation: number, reason: string): void {
    if (generation !== this.generation || !this.connection) return;
    this.dropConnection();
    // A connection that held for a while was healthy: start the delays from the beginning again.
    if (this.deps.clock.now() - this.connectedAt >= this.deps.backoff.stableAfterMs) this.backoffStep = 0;
    this.deps.logger.warn(`MCP server "${this.config.name}" disconnected: ${reason}`);
    this.fail(reason, true);
  }

  private fail(reason: string, retry: boolean): void {
    this.failures++;
    this.backoffStep++;
    this.tail = this.stderr.snapshot();
    if (retry && !this.disposed) {
      const delay = backoffDelay(this.deps.backoff, this.backoffStep);
      this.retryAt = this.deps.clock.now() + delay;
      this.retryTimer = this.deps.clock.setTimeout(() => {
        this.retryTimer = undefined;
        this.connectNow();
      }, delay);
    } else {
      this.retryAt = null;
    }
    this.setState('error', reason);
  }

  /** Withdraws the tools and ends the connection or attempt; the status is left to the caller. */
  private async stop(): Promise<void> {
    this.generation++;
    this.clearRetry();
    this.retryAt = null;
    const attempt = this.attempt;
    this.abortAttempt();
    this.dropConnection();
    if (attempt) await attempt.done;
  }

  private resetFailures(): void {
    this.failures = 0;
    this.backoffStep = 0;
  }

  private dropConnection(): void {
    const connection = this.connection;
    if (!connection) return;
    this.connection = undefined;
    this.connectionListeners.dispose();
    this.registrations.dispose();
    this.registeredCount = 0;
    this.catalog = EMPTY_CATALOG;
    this.track(connection.close());
  }

  private abortAttempt(): void {
    this.attempt?.abort.abort();
    this.attempt = undefined;
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) this.deps.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private registerTools(): void {
    this.registrations.dispose();
    this.registrations = new DisposableStore();
    this.registeredCount = 0;
    if (!this.connection) return;
    const slug = serverSlug(this.config.name);
    const serverName = this.config.name;
    for (const tool of this.catalog.tools) {
      if (this.config.disabledTools.includes(tool.name)) continue;
      const definition = createMcpToolDefinition({
        agentName: agentToolName(slug, tool.name),
        serverId: this.config.id,
        serverName,
        tool,
        connection: () => this.connection,
        unavailableReason: () => this.error ?? `it is ${this.state}`,
        timeoutMs: this.deps.callTimeoutMs,
      });
      try {
        this.registrations.add(this.deps.tools.register(definition));
        this.registeredCount++;
      } catch (error) {
        this.deps.logger.warn(`MCP server "${serverName}": its tool "${tool.name}" was left out:`, error);
      }
    }
  }

  private track(work: Promise<void>): void {
    const settled = work.catch((error: unknown) =>
      this.deps.logger.warn(`MCP server "${this.config.name}": closing failed:`, error),
    );
    this.settling.add(settled);
    void settled.finally(() => this.settling.delete(settled));
  }

  private setState(state: McpConnectionState, error: string | null): void {
    if (state !== this.state) this.since = this.deps.clock.now();
    this.state = state;
    this.error = error;
    if (state !== 'error') this.tail = [];
    if (state !== 'error') this.retryAt = null;
    this.publish();
  }

  private publish(): void {
    if (this.disposed) return;
    this.deps.onStatus(this.status);
  }
}
