import { APICallError, InvalidResponseDataError, JSONParseError, TypeValidationError } from 'ai';
import type { ConnectionFailureReason } from '../../shared/contract/settings';
import { keyHint, type ProviderConnection } from './providerConnection';

export type ProviderFailureReason =
  ConnectionFailureReason | 'bad_request' | 'stream_cut' | 'malformed' | 'provider_error';

/** A provider failure, described for a person, plus whether trying again may help. */
export interface ProviderFailure {
  readonly reason: ProviderFailureReason;
  readonly message: string;
  readonly transient: boolean;
  readonly status?: number;
  /** From a Retry-After header, when the provider sent one. */
  readonly retryAfterMs?: number;
}

export interface FailureContext {
  readonly connection: ProviderConnection;
  readonly model?: string;
  /** What was being done: a chat request or listing models (changes what a 404 means). */
  readonly during: 'chat' | 'models';
  /** The content type of the response, when one arrived. */
  readonly contentType?: string;
}

/** Raised by Navi's own watchdog when a provider sends nothing for too long. */
export class ProviderTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly phase: 'response' | 'idle',
  ) {
    super(`No data from the provider for ${timeoutMs} ms`);
    this.name = 'ProviderTimeoutError';
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CONNECTION_BROKEN_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const CONNECT_TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

/** Turns anything a provider call threw (or streamed as an error) into a readable failure. */
export function describeProviderError(error: unknown, context: FailureContext): ProviderFailure {
  const { connection } = context;
  const name = connection.name;
  if (error instanceof ProviderTimeoutError) {
    const seconds = Math.round(error.timeoutMs / 100) / 10;
    return {
      reason: 'timeout',
      transient: true,
      message:
        error.phase === 'response'
          ? `${name} did not answer within ${seconds} s. Check that the server is running, or try again.`
          : `${name} stopped sending the reply (nothing for ${seconds} s). Try again.`,
    };
  }
  // A 2xx APICallError ("failed to process successful response") is about the body: look at its cause.
  if (APICallError.isInstance(error) && error.statusCode !== undefined && error.statusCode >= 400) {
    return describeHttpFailure(error.statusCode, error.responseBody, error.responseHeaders, context);
  }
  if (context.contentType !== undefined && !isApiContentType(context.contentType)) {
    return {
      reason: 'bad_response',
      transient: false,
      message: `${name} answered with ${describeContentType(context.contentType)} instead of a model reply. Check the base URL (${connection.baseURL}): it should point to the ${apiLabel(connection)} API itself, often ending in /v1.`,
    };
  }
  if (
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error)
  ) {
    return {
      reason: 'malformed',
      transient: false,
      message: `${name} sent data Navi could not read (a malformed part of the reply). Try again, or check that the base URL points to an ${apiLabel(connection)} API.`,
    };
  }
  const code = networkErrorCode(error);
  if (code && UNREACHABLE_CODES.has(code)) {
    return {
      reason: 'unreachable',
      transient: true,
      message: `Could not reach ${name} at ${connection.baseURL} (${code}). Check that the server is running and the base URL is right.`,
    };
  }
  if (code && CONNECT_TIMEOUT_CODES.has(code)) {
    return {
      reason: 'timeout',
      transient: true,
      message: `Connecting to ${name} at ${connection.baseURL} timed out (${code}). Check your network and the base URL.`,
    };
  }
  if ((code && CONNECTION_BROKEN_CODES.has(code)) || isTerminatedStream(error)) {
    return {
      reason: 'stream_cut',
      transient: true,
      message: `The connection to ${name} broke off before the reply was complete. Try again.`,
    };
  }
  // fetch() itself failed (the SDK wraps this in an APICallError without a status).
  if (APICallError.isInstance(error) || (error instanceof TypeError && /fetch failed/i.test(error.message))) {
    const cause = (error as { cause?: unknown }).cause;
    const why = cause instanceof Error ? cause.message : (error as Error).message;
    return {
      reason: 'unreachable',
      transient: true,
      message: `Could not reach ${name} at ${connection.baseURL} (${redact(why, connection)}). Check the base URL and your network.`,
    };
  }
  const reported = providerReportedError(error);
  if (reported) {
    const overloaded = /overload|rate.?limit|capacity|unavailable/i.test(`${reported.type} ${reported.message}`);
    return {
      reason: overloaded ? 'rate_limited' : 'provider_error',
      transient: overloaded,
      message: `${name} reported an error: ${redact(reported.message, connection)}`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    reason: 'provider_error',
    transient: false,
    message: `The request to ${name} failed: ${redact(message, connection)}`,
  };
}

/** A few words on why a call failed, for "retrying 2 of 3 …" while it is tried again. */
export function failureSummary(failure: ProviderFailure): string {
  const status = failure.status === undefined ? '' : ` ${failure.status}`;
  switch (failure.reason) {
    case 'rate_limited':
      return `rate limited${status}`;
    case 'server_error':
      return `server error${status}`;
    case 'timeout':
      return 'no answer in time';
    case 'unreachable':
      return 'could not connect';
    case 'stream_cut':
      return 'the connection broke off';
    default:
      return `error${status}`;
  }
}

function isApiContentType(contentType: string): boolean {
  return /event-stream|json/i.test(contentType);
}

function describeContentType(contentType: string): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html') return 'a web page (text/html)';
  return `"${type || 'no content type'}"`;
}

/** A readable failure for an HTTP error status, using the provider's own explanation where it helps. */
export function describeHttpFailure(
  status: number,
  body: string | undefined,
  headers: Record<string, string> | undefined,
  context: FailureContext,
): ProviderFailure {
  const { connection } = context;
  const name = connection.name;
  const detail = redact(errorDetail(body), connection);
  const withDetail = (text: string) => (detail ? `${text}: ${detail}` : text);
  if (status === 401) {
    return {
      reason: 'unauthorized',
      status,
      transient: false,
      message: `${name} rejected the API key (401). ${keyHint(connection)}`,
    };
  }
  if (status === 403) {
    return {
      reason: 'forbidden',
      status,
      transient: false,
      message: `${withDetail(`${name} refused access (403)`)}. ${keyHint(connection)}`,
    };
  }
  if (status === 404) {
    if (context.during === 'models') {
      return {
        reason: 'not_found',
        status,
        transient: false,
        message: `${name} has no model list at ${connection.baseURL}/models (404). Check the base URL, or type the model name yourself.`,
      };
    }
    if (context.model && /model/i.test(detail)) {
      return {
        reason: 'unknown_model',
        status,
        transient: false,
        message: `${name} does not know the model "${context.model}" (404). Choose another model in Settings.`,
      };
    }
    return {
      reason: 'not_found',
      status,
      transient: false,
      message: `${withDetail(`${name} answered "not found" (404)`)}. Check the base URL (${connection.baseURL}) and the model in Settings.`,
    };
  }
  if (status === 429) {
    return {
      reason: 'rate_limited',
      status,
      transient: true,
      retryAfterMs: retryAfterMs(headers),
      message: `${name} is rate limiting requests (429). Wait a moment and try again.`,
    };
  }
  if (status === 408) {
    return {
      reason: 'timeout',
      status,
      transient: true,
      message: `${name} timed out handling the request (408). Try again.`,
    };
  }
  if (status >= 500) {
    return {
      reason: 'server_error',
      status,
      transient: true,
      retryAfterMs: retryAfterMs(headers),
      message: `${withDetail(`${name} had a server error (${status})`)}. Try again in a moment.`,
    };
  }
  if (status === 400 || status === 422) {
    return {
      reason: 'bad_request',
      status,
      transient: false,
      message: withDetail(`${name} rejected the request (${status})`),
    };
  }
  return {
    reason: 'http_error',
    status,
    transient: false,
    message: withDetail(`${name} answered with an error (${status})`),
  };
}

function apiLabel(connection: ProviderConnection): string {
  return connection.kind === 'anthropic' ? 'Anthropic' : 'OpenAI-compatible';
}

/** The provider's own error message from a JSON or text body, shortened. */
export function errorDetail(body: string | undefined): string {
  if (!body) return '';
  let text = body.trim();
  try {
    const parsed = JSON.parse(text) as unknown;
    const found = findMessage(parsed);
    if (found) text = found;
  } catch {
    // Not JSON: use the text as it is.
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function findMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  return findMessage(record.error) ?? findMessage(record.message) ?? findMessage(record.detail);
}

/** An error the provider put into the stream itself (an OpenAI `error` chunk, an Anthropic `error` event). */
function providerReportedError(error: unknown): { type: string; message: string } | undefined {
  if (!error || typeof error !== 'object' || error instanceof Error) return undefined;
  const record = error as Record<string, unknown>;
  const inner = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>) : record;
  const message = typeof inner.message === 'string' ? inner.message : JSON.stringify(error);
  return { type: typeof inner.type === 'string' ? inner.type : '', message };
}

/** Walks the cause chain for a Node/undici network error code. */
function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** undici reports a response body that ended early as `TypeError: terminated`. */
function isTerminatedStream(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    if (
      current instanceof Error &&
      /^terminated$|other side closed|socket hang up|premature close/i.test(current.message)
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function retryAfterMs(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers['retry-after'];
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Providers sometimes echo (part of) the key in error text; never pass it on. */
export function redact(text: string, connection: Pick<ProviderConnection, 'apiKey'>): string {
  const key = connection.apiKey;
  if (!key || key.length < 4) return text;
  return text.split(key).join('[redacted]');
}
