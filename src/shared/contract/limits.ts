/**
 * Limits every boundary enforces, in one place: the transports, the core's schemas and the
 * renderer's forms all read them from here, so a refusal names the same number everywhere.
 */

/** Largest RPC message on any transport (WebSocket `maxPayload`, Electron IPC). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/** Longest text a person can send as one message. */
export const MAX_MESSAGE_CHARS = 100_000;

/** Attachments: per file, per message and all files of one message together. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const MAX_ATTACHMENTS_TOTAL_BYTES = 50 * 1024 * 1024;
/** Raw bytes per upload chunk; base64 in a JSON frame stays well under MAX_FRAME_BYTES. */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;

/** Human-readable size for refusals ("4 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
