import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ProcessExit } from './processTransport';

/** A server's settings cannot work as they are (a value is missing): retrying will not help. */
export class McpConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpConfigurationError';
  }
}

/** An OAuth server needs the person to sign in (first time, or the sign-in expired and could not be renewed). */
export class McpSignInRequiredError extends Error {
  constructor(url: string) {
    super(`${url} needs you to sign in. Choose "Sign in" to open its sign-in page in your browser.`);
    this.name = 'McpSignInRequiredError';
  }
}

/** "400 ms", "30 s". */
export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1_000)} s`;
}

/** "exited with code 1" / "was killed by SIGKILL". */
export function describeExit(exit: ProcessExit): string {
  if (exit.signal) return `was stopped by ${exit.signal}`;
  if (exit.code !== null) return `exited with code ${exit.code}`;
  return 'exited';
}

function errnoCode(error: unknown): string | undefined {
  let current: unknown = error;
  // fetch wraps the socket error in `cause`.
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function httpStatusMessage(status: number, url: string): string | undefined {
  if (status === 401 || status === 403) {
    return `${url} refused the connection (HTTP ${status}). Check the server's headers (API key or token).`;
  }
  if (status === 404) return `${url} was not found (HTTP 404). Check the URL (it often ends in /mcp or /sse).`;
  if (status >= 500) return `${url} had an internal error (HTTP ${status}). Try again later.`;
  if (status > 0) return `${url} answered with HTTP ${status}.`;
  return undefined;
}

export interface FailureContext {
  readonly transport: 'stdio' | 'http';
  readonly command?: string;
  readonly url?: string;
  /** How the child ended, when it did. */
  readonly exit?: ProcessExit;
  readonly connectTimeoutMs: number;
}

/** Why connecting to a server failed, in words a person can act on. */
export function describeConnectFailure(error: unknown, context: FailureContext): string {
  if (error instanceof McpConfigurationError) return error.message;
  const code = errnoCode(error);
  if (context.transport === 'stdio') {
    const command = context.command ?? 'the server';
    if (code === 'ENOENT')
      return `Could not start "${command}": the command was not found. Check the command and that it is on PATH.`;
    if (code === 'EACCES') return `Could not start "${command}": permission denied.`;
    if (context.exit) return `The server ${describeExit(context.exit)} during start-up.`;
  } else {
    const url = context.url ?? 'The server';
    if (error instanceof UnauthorizedError) {
      return `${url} requires signing in (OAuth), and the sign-in did not work. Check the URL, or use a token header if the server offers one.`;
    }
    if (error instanceof StreamableHTTPError || error instanceof SseError) {
      const message = typeof error.code === 'number' ? httpStatusMessage(error.code, url) : undefined;
      if (message) return message;
    }
    if (code === 'ECONNREFUSED') return `Could not reach ${url}: the connection was refused. Is the server running?`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Could not reach ${url}: the host name was not found.`;
    if (code === 'ECONNRESET') return `${url} closed the connection.`;
    if (code?.startsWith('CERT_') || code?.includes('CERT'))
      return `Could not reach ${url}: its TLS certificate is not trusted (${code}).`;
  }
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
    return `The server did not answer the MCP handshake within ${formatDuration(context.connectTimeoutMs)}.`;
  }
  if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) {
    return 'The server closed the connection during start-up.';
  }
  const message = error instanceof Error ? error.message : String(error);
  return message || 'The connection failed for an unknown reason.';
}

/** A thrown error that means the connection itself is gone, not just one call. */
export function isConnectionLoss(error: unknown): boolean {
  // The sign-in ran out and could not be renewed: connect again (which asks the person to sign in).
  if (error instanceof McpSignInRequiredError) return true;
  // 404 for a session the server no longer knows: it restarted.
  if (error instanceof StreamableHTTPError) return error.code === 404;
  if (!(error instanceof Error)) return false;
  const code = errnoCode(error);
  return error.message === 'fetch failed' || code === 'ECONNREFUSED' || code === 'ECONNRESET';
}

/** Why a tool call failed, for the model (and the tool card) to read. */
export function describeCallFailure(error: unknown, tool: string, server: string, timeoutMs: number): string {
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout) {
      return `The tool "${tool}" of the MCP server "${server}" did not finish within ${formatDuration(timeoutMs)} (no result or progress), so Navi stopped waiting.`;
    }
    if (error.code === ErrorCode.ConnectionClosed) {
      return `The MCP server "${server}" stopped while running "${tool}".`;
    }
    // "MCP error -32602: …" reads better without the prefix.
    return error.message.replace(/^MCP error -?\d+: /, '');
  }
  if (error instanceof McpSignInRequiredError) {
    return `The MCP server "${server}" needs you to sign in again (Settings, MCP servers) before "${tool}" can run.`;
  }
  if (isConnectionLoss(error)) return `The MCP server "${server}" could not be reached while running "${tool}".`;
  return error instanceof Error ? error.message : String(error);
}
