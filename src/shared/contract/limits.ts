/**
 * Limits every boundary enforces, in one place: the transports, the core's schemas and the
 * renderer's forms all read them from here, so a refusal names the same number everywhere.
 */

/**
 * Largest RPC message a window may send on any transport (WebSocket `maxPayload`, Electron IPC).
 * It fits the largest request the contract accepts: an MCP server with every field at its maximum
 * (about 1.8 million characters, up to three UTF-8 bytes each); tests/unit/limits.test.ts checks it.
 */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** Longest text a person can send as one message. */
export const MAX_MESSAGE_CHARS = 100_000;

/** Attachments: per file, per message and all files of one message together. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const MAX_ATTACHMENTS_TOTAL_BYTES = 50 * 1024 * 1024;
/** Raw bytes per upload chunk; base64 in a JSON frame stays well under MAX_FRAME_BYTES. */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;

/** Browser host: longest HTTP request target (path and query) and all request headers together. */
export const MAX_REQUEST_TARGET_CHARS = 8 * 1024;
export const MAX_REQUEST_HEADER_BYTES = 16 * 1024;
/** Browser host: WebSocket connections open at once (each tab or window holds one). */
export const MAX_CONNECTIONS = 64;

/** Per connection: live subscriptions and calls in flight (a window uses a few dozen at most). */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 256;
export const MAX_PENDING_CALLS_PER_CONNECTION = 256;
/**
 * Per connection: bytes already queued for a peer that is not reading. A peer this far behind is
 * dropped (it reconnects and reloads) before more is queued, so one stalled window costs the host at
 * most this plus one message.
 */
export const MAX_QUEUED_BYTES_PER_CONNECTION = 8 * 1024 * 1024;

/** The composer's and the core's refusal of an over-long message, with the limit in it. */
export function messageTooLong(length: number): string | undefined {
  if (length <= MAX_MESSAGE_CHARS) return undefined;
  return `This message has ${length.toLocaleString('en-US')} characters; a message can have at most ${MAX_MESSAGE_CHARS.toLocaleString('en-US')}. Shorten it or send it in parts.`;
}

/** An MCP resource attached to a message: at most this much of its text reaches the model. */
export const MAX_RESOURCE_TEXT_CHARS = 200_000;

/** Human-readable size for refusals ("4 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
