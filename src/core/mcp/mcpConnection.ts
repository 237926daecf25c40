import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ToolListChangedNotificationSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { toDisposable } from '../../shared/rpc/disposable';
import { Emitter, type Event } from '../../shared/rpc/emitter';
import type { Clock, Logger } from '../ports';
import { describeConnectFailure, describeExit, isConnectionLoss } from './mcpErrors';
import type { ResolvedMcpServer } from './mcpServerConfig';
import { ProcessTransport } from './processTransport';

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
}

export interface CallToolOptions {
  readonly signal: AbortSignal;
  /** The call fails when neither a result nor progress arrives for this long. */
  readonly timeoutMs: number;
}

/** A live session with one server. */
export interface McpConnection {
  /** The server's tools as last listed (tools that need the experimental task API left out). */
  readonly tools: readonly Tool[];
  /** The child's pid (stdio servers). */
  readonly pid: number | undefined;
  /** The server said its tools changed and they were listed again. */
  readonly onToolsChanged: Event<readonly Tool[]>;
  /** The connection broke (process exited, HTTP server gone); fires at most once, never after close(). */
  readonly onLost: Event<string>;
  callTool(name: string, args: Record<string, unknown>, options: CallToolOptions): Promise<CallToolResult>;
  /** Ends the session; for stdio, the process (and its group) is gone when this resolves. */
  close(): Promise<void>;
}

/** Per the spec, a 4xx answer to the initialize POST means an old HTTP+SSE server. */
function shouldTrySse(error: unknown): boolean {
  return error instanceof StreamableHTTPError && [400, 404, 405].includes(error.code ?? 0);
}

async function listAllTools(client: Client, options: { timeout: number; signal?: AbortSignal }): Promise<Tool[]> {
  if (!client.getServerCapabilities()?.tools) return [];
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined, options);
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor && tools.length < 10_000);
  // Tools that require the experimental tasks API cannot be called through callTool.
  return tools.filter((tool) => tool.execution?.taskSupport !== 'required');
}

class LiveConnection implements McpConnection {
  private readonly toolsChanged = new Emitter<readonly Tool[]>();
  private readonly lost = new Emitter<string>();
  private closed = false;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private lostReason: string | undefined;
  readonly onToolsChanged = this.toolsChanged.event;

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
    public tools: readonly Tool[],
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
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => this.refreshTools());
    // The process may have died between the handshake and now.
    if (transport instanceof ProcessTransport && transport.exit) this.reportLost(this.describeLoss());
  }

  get pid(): number | undefined {
    return this.transport instanceof ProcessTransport ? this.transport.pid : undefined;
  }

  async callTool(name: string, args: Record<string, unknown>, options: CallToolOptions): Promise<CallToolResult> {
    try {
      const result = await this.client.callTool({ name, arguments: args }, undefined, {
        signal: options.signal,
        timeout: options.timeoutMs,
        // Servers that report progress keep a long call alive; silence still ends it.
        resetTimeoutOnProgress: true,
        onprogress: () => {},
      });
      return result as CallToolResult;
    } catch (error) {
      if (!options.signal.aborted && isConnectionLoss(error)) this.reportLost('The connection to the server was lost.');
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.toolsChanged.dispose();
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

  private refreshTools(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        try {
          this.tools = await listAllTools(this.client, { timeout: this.options.connectTimeoutMs });
          if (!this.closed) this.toolsChanged.fire(this.tools);
        } catch (error) {
          this.options.logger.warn('MCP server: listing its changed tools failed:', error);
        }
      } while (this.refreshAgain && !this.closed);
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }
}

function delay(ms: number, timers: Clock | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (timers) timers.setTimeout(resolve, ms);
    else setTimeout(resolve, ms).unref();
  });
}

function newClient(options: McpConnectionOptions): Client {
  return new Client(options.clientInfo, { capabilities: {} });
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
      const tools = await listAllTools(client, requestOptions);
      const describeLoss = () =>
        transport.exit ? `The server ${describeExit(transport.exit)}.` : 'The server closed the connection.';
      return new LiveConnection(client, transport, tools, describeLoss, options);
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
  const attempt = async (transport: Transport): Promise<McpConnection> => {
    const client = newClient(options);
    try {
      await client.connect(transport, requestOptions);
      const tools = await listAllTools(client, requestOptions);
      return new LiveConnection(client, transport, tools, () => 'The connection to the server was closed.', options);
    } catch (error) {
      await client.close().catch(() => {});
      throw error;
    }
  };
  try {
    return await attempt(new StreamableHTTPClientTransport(url, { requestInit }));
  } catch (error) {
    if (!shouldTrySse(error) || options.signal?.aborted) throw describe(error);
    try {
      return await attempt(new SSEClientTransport(url, { requestInit }));
    } catch {
      // The SSE attempt was a guess: the Streamable HTTP answer says more.
      throw describe(error);
    }
  }
}
