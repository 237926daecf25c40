import { auth, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  ElicitRequestSchema,
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
  type CallToolResult,
  type ElicitResult,
  type GetPromptResult,
  type ReadResourceResult,
} from '@modelcontextprotocol/sdk/types.js';
import { toDisposable } from '../../shared/rpc/disposable';
import { Emitter, type Event } from '../../shared/rpc/emitter';
import type { Clock, Logger } from '../ports';
import type { ToolInteraction } from '../tools/types';
import { elicitationFields } from './elicitationFields';
import { listCatalog, listCatalogPart, type CatalogPart, type McpCatalog } from './mcpCatalog';
import { describeConnectFailure, describeExit, isConnectionLoss, McpSignInRequiredError } from './mcpErrors';
import type { NaviOAuthProvider } from './oauth/naviOAuthProvider';
import type { ResolvedMcpServer } from './mcpServerConfig';
import { ProcessTransport } from './processTransport';

/** Longest question text a server may show (the rest is cut). */
const MAX_ELICITATION_MESSAGE = 4_000;

export interface McpConnectionOptions {
  readonly clientInfo: { readonly name: string; readonly version: string };
  readonly connectTimeoutMs: number;
  /** Aborts an attempt still in progress (the server is being stopped). */
  readonly signal?: AbortSignal;
  readonly onStderr?: (text: string) => void;
  readonly graceMs?: number;
  readonly timers?: Clock;
  readonly logger: Logger;
  /** Told about each child process as it is created (so the owner can kill it in an emergency). */
  readonly onProcess?: (process: ProcessTransport) => void;
  /** HTTP servers: the OAuth sign-in (tokens, registration) to use when the server asks for one. */
  readonly authProvider?: NaviOAuthProvider;
}

export interface CallToolOptions {
  readonly signal: AbortSignal;
  /** The call fails when neither a result nor progress arrives for this long. */
  readonly timeoutMs: number;
  /** Where the call's progress goes and whom the server's questions reach while it runs. */
  readonly interaction?: ToolInteraction;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
}

/** A live session with one server. */
export interface McpConnection {
  /** The server's tools, prompts and resources as last listed (tools that need the experimental task API left out). */
  readonly catalog: McpCatalog;
  /** The child's pid (stdio servers). */
  readonly pid: number | undefined;
  /** The server said a list changed and it was listed again. */
  readonly onCatalogChanged: Event<McpCatalog>;
  /** The connection broke (process exited, HTTP server gone); fires at most once, never after close(). */
  readonly onLost: Event<string>;
  callTool(name: string, args: Record<string, unknown>, options: CallToolOptions): Promise<CallToolResult>;
  getPrompt(name: string, args: Record<string, string>, options: RequestOptions): Promise<GetPromptResult>;
  readResource(uri: string, options: RequestOptions): Promise<ReadResourceResult>;
  /** Ends the session; for stdio, the process (and its group) is gone when this resolves. */
  close(): Promise<void>;
}

/** Per the spec, a 4xx answer to the initialize POST means an old HTTP+SSE server. */
function shouldTrySse(error: unknown): boolean {
  return error instanceof StreamableHTTPError && [400, 404, 405].includes(error.code ?? 0);
}

/** A tool call in progress: the server's questions go to the latest one that can ask someone. */
interface CallInFlight {
  readonly interaction: ToolInteraction;
  readonly signal: AbortSignal;
}

class LiveConnection implements McpConnection {
  private readonly catalogChanged = new Emitter<McpCatalog>();
  private readonly lost = new Emitter<string>();
  private closed = false;
  /** Lists being fetched again, and whether another change came in meanwhile. */
  private readonly refreshing = new Map<CatalogPart, { done: Promise<void>; again: boolean }>();
  private readonly inFlight: CallInFlight[] = [];
  private lostReason: string | undefined;
  readonly onCatalogChanged = this.catalogChanged.event;

  /** Also tells a listener that subscribes after the loss (it can happen before anyone listens). */
  readonly onLost: Event<string> = (listener) => {
    const reason = this.lostReason;
    if (reason === undefined) return this.lost.event(listener);
    queueMicrotask(() => {
      if (!this.closed) listener(reason);
    });
    return toDisposable(() => {});
  };

  constructor(
    private readonly client: Client,
    private readonly transport: Transport,
    public catalog: McpCatalog,
    private readonly serverName: string,
    private readonly describeLoss: () => string,
    private readonly options: McpConnectionOptions,
  ) {
    client.onclose = () => this.reportLost(this.describeLoss());
    client.onerror = (error) => {
      if (/Maximum reconnection attempts/.test(error.message)) {
        // The Streamable HTTP transport gives up on its event stream only after its own retries.
        this.reportLost('The connection to the server was lost.');
      } else if (!/progress notification for an unknown token/.test(error.message)) {
        // (Progress still arriving for a call that was stopped is expected: not worth a warning.)
        options.logger.warn(`MCP server: ${error.message}`);
      }
    };
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void this.refresh('tools'));
    client.setNotificationHandler(PromptListChangedNotificationSchema, () => void this.refresh('prompts'));
    client.setNotificationHandler(ResourceListChangedNotificationSchema, () => {
      void this.refresh('resources');
      void this.refresh('templates');
    });
    client.setRequestHandler(ElicitRequestSchema, (request, extra) => this.elicit(request.params, extra.signal));
    // The process may have died between the handshake and now.
    if (transport instanceof ProcessTransport && transport.exit) this.reportLost(this.describeLoss());
  }

  get pid(): number | undefined {
    return this.transport instanceof ProcessTransport ? this.transport.pid : undefined;
  }

  async callTool(name: string, args: Record<string, unknown>, options: CallToolOptions): Promise<CallToolResult> {
    const { interaction } = options;
    const call = interaction ? { interaction, signal: options.signal } : undefined;
    if (call) this.inFlight.push(call);
    try {
      // Stop aborts the signal: the SDK then sends notifications/cancelled for this request.
      const result = await this.client.callTool({ name, arguments: args }, undefined, {
        signal: options.signal,
        timeout: options.timeoutMs,
        // Servers that report progress keep a long call alive; silence still ends it.
        resetTimeoutOnProgress: true,
        onprogress: (progress) => {
          try {
            interaction?.reportProgress({
              progress: progress.progress,
              total: progress.total,
              message: progress.message,
            });
          } catch (error) {
            this.options.logger.warn('MCP server: showing progress failed:', error);
          }
        },
      });
      // A tool that changed the server's tools: the next step should see the new list.
      await this.refreshing.get('tools')?.done;
      return result as CallToolResult;
    } catch (error) {
      if (!options.signal.aborted && isConnectionLoss(error)) this.reportLost('The connection to the server was lost.');
      throw error;
    } finally {
      if (call) this.inFlight.splice(this.inFlight.indexOf(call), 1);
    }
  }

  async getPrompt(name: string, args: Record<string, string>, options: RequestOptions): Promise<GetPromptResult> {
    return this.client.getPrompt({ name, arguments: args }, { signal: options.signal, timeout: options.timeoutMs });
  }

  async readResource(uri: string, options: RequestOptions): Promise<ReadResourceResult> {
    return this.client.readResource({ uri }, { signal: options.signal, timeout: options.timeoutMs });
  }

  /**
   * The server asks the person something. MCP does not say which of our requests a question belongs
   * to, so it goes to the conversation of the latest tool call still running on this server; with
   * none running there is nobody to ask, and the question is cancelled.
   */
  private async elicit(
    params: { mode?: string; message: string } & Record<string, unknown>,
    serverSignal: AbortSignal,
  ): Promise<ElicitResult> {
    const call = this.inFlight.at(-1);
    if (!call || params.mode === 'url') {
      this.options.logger.warn(`MCP server "${this.serverName}" asked for input while none of its tools was running.`);
      return { action: 'cancel' };
    }
    const answer = await call.interaction.elicit(
      {
        serverName: this.serverName,
        message: params.message.slice(0, MAX_ELICITATION_MESSAGE),
        fields: elicitationFields(params as Parameters<typeof elicitationFields>[0]),
      },
      AbortSignal.any([serverSignal, call.signal]),
    );
    return answer.action === 'accept' ? { action: 'accept', content: answer.content ?? {} } : { action: answer.action };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.catalogChanged.dispose();
    this.lost.dispose();
    if (this.transport instanceof StreamableHTTPClientTransport) {
      // Politely end the server's session; a server that is gone or slow must not hold up shutdown.
      await Promise.race([this.transport.terminateSession().catch(() => {}), delay(1_000, this.options.timers)]);
    }
    await this.client.close().catch(() => {});
    if (this.transport instanceof ProcessTransport) await this.transport.close();
  }

  private reportLost(reason: string): void {
    if (this.closed || this.lostReason !== undefined) return;
    this.lostReason = reason;
    this.lost.fire(reason);
    // Fire once: the owner closes this connection and starts a new one.
    this.lost.dispose();
  }

  /** Lists one kind again; changes arriving meanwhile lead to one more listing, not one each. */
  private refresh(part: CatalogPart): Promise<void> {
    const running = this.refreshing.get(part);
    if (running) {
      running.again = true;
      return running.done;
    }
    const entry = { done: Promise.resolve(), again: false };
    entry.done = (async () => {
      do {
        entry.again = false;
        try {
          const items = await listCatalogPart(this.client, part, { timeout: this.options.connectTimeoutMs });
          this.catalog = { ...this.catalog, [part]: items };
          if (!this.closed) this.catalogChanged.fire(this.catalog);
        } catch (error) {
          this.options.logger.warn(`MCP server "${this.serverName}": listing its changed ${part} failed:`, error);
        }
      } while (entry.again && !this.closed);
    })().finally(() => this.refreshing.delete(part));
    this.refreshing.set(part, entry);
    return entry.done;
  }
}

function delay(ms: number, timers: Clock | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (timers) timers.setTimeout(resolve, ms);
    else setTimeout(resolve, ms).unref();
  });
}

function newClient(options: McpConnectionOptions): Client {
  // Form questions only: URL-mode elicitation would send the person to pages Navi cannot vouch for.
  return new Client(options.clientInfo, { capabilities: { elicitation: { form: {} } } });
}

function catalogOf(client: Client, server: ResolvedMcpServer, options: McpConnectionOptions): Promise<McpCatalog> {
  return listCatalog(client, { timeout: options.connectTimeoutMs, signal: options.signal }, (part, error) =>
    options.logger.warn(`MCP server "${server.name}": listing its ${part} failed:`, error),
  );
}

/**
 * Connects to a server and lists its tools. Rejects with an Error whose message says, for a person,
 * why it failed; nothing is left running then (a started process is ended first).
 */
export async function openMcpConnection(
  server: ResolvedMcpServer,
  options: McpConnectionOptions,
): Promise<McpConnection> {
  const requestOptions = { timeout: options.connectTimeoutMs, signal: options.signal };
  if (server.transport === 'stdio') {
    const transport = new ProcessTransport({
      command: server.command,
      args: server.args,
      cwd: server.cwd,
      env: server.env,
      onStderr: options.onStderr,
      graceMs: options.graceMs,
      timers: options.timers,
    });
    options.onProcess?.(transport);
    const client = newClient(options);
    try {
      await client.connect(transport, requestOptions);
      const catalog = await catalogOf(client, server, options);
      const describeLoss = () =>
        transport.exit ? `The server ${describeExit(transport.exit)}.` : 'The server closed the connection.';
      return new LiveConnection(client, transport, catalog, server.name, describeLoss, options);
    } catch (error) {
      await transport.close();
      throw new Error(
        describeConnectFailure(error, {
          transport: 'stdio',
          command: server.command,
          exit: transport.exit,
          connectTimeoutMs: options.connectTimeoutMs,
        }),
        { cause: error },
      );
    }
  }

  const url = new URL(server.url);
  const requestInit = { headers: { ...server.headers } };
  const describe = (error: unknown) =>
    new Error(
      describeConnectFailure(error, { transport: 'http', url: server.url, connectTimeoutMs: options.connectTimeoutMs }),
      {
        cause: error,
      },
    );
  const { authProvider } = options;
  if (authProvider && (await authProvider.tokensExpired())) {
    // Renew before connecting; a refresh that fails leaves it to the server's 401 (and a sign-in).
    await auth(authProvider, { serverUrl: url }).catch((error: unknown) => {
      if (error instanceof McpSignInRequiredError) throw error;
      options.logger.warn(`MCP server "${server.name}": renewing its sign-in failed:`, error);
    });
  }
  const attempt = async (transport: Transport): Promise<McpConnection> => {
    const client = newClient(options);
    try {
      await client.connect(transport, requestOptions);
      const catalog = await catalogOf(client, server, options);
      const describeLoss = () => 'The connection to the server was closed.';
      return new LiveConnection(client, transport, catalog, server.name, describeLoss, options);
    } catch (error) {
      await client.close().catch(() => {});
      throw error;
    }
  };
  try {
    return await attempt(new StreamableHTTPClientTransport(url, { requestInit, authProvider }));
  } catch (error) {
    if (error instanceof McpSignInRequiredError) throw error;
    if (error instanceof UnauthorizedError && authProvider) throw new McpSignInRequiredError(server.url);
    if (!shouldTrySse(error) || options.signal?.aborted) throw describe(error);
    try {
      return await attempt(new SSEClientTransport(url, { requestInit, authProvider }));
    } catch {
      // The SSE attempt was a guess: the Streamable HTTP answer says more.
      throw describe(error);
    }
  }
}
