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

/** Most messages one sessions.get page holds. */
export const MAX_MESSAGE_PAGE = 500;

/** Longest text a person can send as one message. */
export const MAX_MESSAGE_CHARS = 100_000;

/** Attachments: per file, per message and all files of one message together. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const MAX_ATTACHMENTS_TOTAL_BYTES = 50 * 1024 * 1024;
/** Raw bytes per upload chunk; base64 in a JSON frame stays well under MAX_FRAME_BYTES. */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;
/** Longest file name an attachment keeps (longer ones are cut, keeping the extension). */
export const MAX_ATTACHMENT_NAME_CHARS = 255;
/**
 * Per connection: uploads in progress plus uploaded files not sent yet (drafts of several
 * conversations). More are refused until some are sent or removed.
 */
export const MAX_PENDING_UPLOADS_PER_CONNECTION = 3 * MAX_ATTACHMENTS_PER_MESSAGE;
/** Text of one attached file (a text file, or a PDF's extracted text) that reaches the model. */
export const MAX_ATTACHMENT_TEXT_CHARS = 200_000;
/** Characters of an attachment's text per read when a window shows it. */
export const ATTACHMENT_TEXT_PAGE_CHARS = 200_000;

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

/** Recalls: the instructions, a cron expression, and the range of times a schedule may name. */
export const MAX_RECALL_MESSAGE_CHARS = 4000;
export const MAX_CRON_EXPRESSION_CHARS = 100;
/** A recall runs at most once a minute, also on cron. */
export const MIN_INTERVAL_SECONDS = 60;
/** Ten years: longer "every …" gaps are a mistake, not a schedule. */
export const MAX_INTERVAL_SECONDS = 10 * 366 * 24 * 3600;
/** The last instant a recall may name (31 December 9999, UTC): every later date prints oddly or not at all. */
export const MAX_RECALL_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);
/** A schedule said in words ("every weekday at 8:30"). */
export const MAX_SCHEDULE_TEXT_CHARS = 200;
/** How many runs the schedule preview lists. */
export const SCHEDULE_PREVIEW_RUNS = 5;
/**
 * A run counts as missed (Navi was closed or asleep) when it starts later than this after its due
 * time; then the recall's missed-run policy applies. The form states it.
 */
export const MISSED_RUN_GRACE_MS = 2 * 60_000;
/** "End after N runs": at most this many. */
export const MAX_RECALL_RUNS = 10_000;
/** Snooze: at most a week. */
export const MAX_SNOOZE_MINUTES = 7 * 24 * 60;

/** How long a recall run (nobody may be watching) waits for a person's OK before it ends. */
export const UNATTENDED_APPROVAL_WAIT_MS = 30 * 60_000;

/** Tool runs listed per page of a conversation's tool-run log. */
export const MAX_TOOL_RUN_LOG_PAGE = 200;
/** Arguments kept per entry of the tool-run log (longer ones are cut, and say so). */
export const MAX_TOOL_RUN_LOG_INPUT_CHARS = 20_000;
/** Entries kept per conversation in the tool-run log (the oldest go first). */
export const MAX_TOOL_RUN_LOG_ENTRIES = 2_000;

/** Human-readable size for refusals ("4 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** The attachment limits in words, for the composer to state. */
export function attachmentLimitsText(): string {
  return `Up to ${MAX_ATTACHMENTS_PER_MESSAGE} files, ${formatBytes(MAX_ATTACHMENT_BYTES)} each, ${formatBytes(MAX_ATTACHMENTS_TOTAL_BYTES)} in all`;
}

/** Why one file cannot be attached because of its size (undefined: it can). */
export function attachmentTooLarge(name: string, bytes: number): string | undefined {
  if (bytes <= MAX_ATTACHMENT_BYTES) return undefined;
  return `“${name}” is ${formatBytes(bytes)}; a file can be at most ${formatBytes(MAX_ATTACHMENT_BYTES)}.`;
}

/**
 * Why these files cannot go in one message (undefined: they can): too many, one too large, or too
 * much together. The composer asks before uploading; the core asks again before sending.
 */
export function attachmentLimitProblem(
  files: readonly { readonly name: string; readonly size: number }[],
): string | undefined {
  if (files.length > MAX_ATTACHMENTS_PER_MESSAGE) {
    return `A message can have at most ${MAX_ATTACHMENTS_PER_MESSAGE} files; this one has ${files.length}. Remove some or send them in two messages.`;
  }
  for (const file of files) {
    const tooLarge = attachmentTooLarge(file.name, file.size);
    if (tooLarge) return tooLarge;
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_ATTACHMENTS_TOTAL_BYTES) {
    return `These files come to ${formatBytes(total)} together; a message can carry at most ${formatBytes(MAX_ATTACHMENTS_TOTAL_BYTES)}. Remove some or send them in two messages.`;
  }
  return undefined;
}

/** Conversation search: the longest query, and the shortest word searched in message text. */
export const MAX_SEARCH_QUERY_CHARS = 200;
export const MIN_SEARCH_WORD_CHARS = 2;
/** Conversations one search returns (title matches, then message matches). */
export const MAX_SEARCH_RESULTS = 100;
/** Sessions listed per page of the sidebar's list call. */
export const SESSION_PAGE_SIZE = 200;

/** Import: the largest file Navi reads back (a conversation's JSON with its attachments inside). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** Import: the most messages (all branches together) one conversation may bring. */
export const MAX_IMPORT_MESSAGES = 100_000;
/** Import: the most conversations one archive may bring. */
export const MAX_IMPORT_CONVERSATIONS = 10_000;
/** Export and import: the most recalls one conversation carries. */
export const MAX_EXPORT_RECALLS = 1_000;
/** Export and import: the newest runs of one recall's history carried along. */
export const MAX_EXPORT_RECALL_RUNS = 1_000;
/** Raw bytes per chunk when an export is read or an import sent (base64 in a frame, well under MAX_FRAME_BYTES). */
export const TRANSFER_CHUNK_BYTES = 1024 * 1024;
/** Per connection: exports ready to be read and imports being sent at once. */
export const MAX_TRANSFERS_PER_CONNECTION = 4;

/** Instructions (a system prompt): a profile's or a conversation's own. */
export const MAX_INSTRUCTIONS_CHARS = 20_000;
/** Tools or MCP servers a profile lists as enabled. */
export const MAX_PROFILE_LIST_ENTRIES = 500;
