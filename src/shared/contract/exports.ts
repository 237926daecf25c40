import { z } from 'zod';
import { defineService, method } from '../rpc/service';
import { AttachmentId, AttachmentKind } from './attachments';
import {
  MAX_EXPORT_RECALL_RUNS,
  MAX_EXPORT_RECALLS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_CONVERSATIONS,
  MAX_IMPORT_MESSAGES,
  MAX_TOOL_RUN_LOG_ENTRIES,
  TRANSFER_CHUNK_BYTES,
} from './limits';
import { MessageOrigin, MessagePart, MessageRole, MessageStatus, TokenUsage } from './messages';
import { Recall, RecallRun } from './recalls';
import { Session } from './sessions';
import { ToolRunEntry } from './tools';

/** What a conversation export file says it is; an import checks both before anything else. */
export const CONVERSATION_EXPORT_FORMAT = 'navi-conversation';
export const CONVERSATION_EXPORT_VERSION = 1;
/** The manifest at the root of an "everything" archive. */
export const ARCHIVE_FORMAT = 'navi-archive';
export const ARCHIVE_VERSION = 1;
export const ARCHIVE_MANIFEST_NAME = 'navi-archive.json';

const Id = z.string().min(1).max(100);

/** A message as exported: its place in the tree by `parentId`; the file lists them in writing order. */
export const ExportedMessage = z.object({
  id: Id,
  parentId: Id.nullable(),
  role: MessageRole,
  parts: z.array(MessagePart).max(10_000),
  status: MessageStatus,
  origin: MessageOrigin,
  createdAt: z.number().int().nonnegative(),
  usage: TokenUsage.optional(),
  model: z.string().max(200).optional(),
  /** Which child of a fork was chosen last (higher: later), so the branches come back as they were left. */
  selectedRank: z.number().int().optional(),
});
export type ExportedMessage = z.infer<typeof ExportedMessage>;

/**
 * An attached file carried in the export: base64 `data` inside a conversation's own JSON file; in
 * an archive, `data` is left out and the bytes are the archive's `attachments/<id>` entry.
 */
export const ExportedAttachment = z.object({
  id: AttachmentId,
  kind: AttachmentKind,
  mediaType: z.string().max(200),
  size: z.number().int().nonnegative(),
  data: z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Attachment data must be base64.')
    .optional(),
});
export type ExportedAttachment = z.infer<typeof ExportedAttachment>;

export const ExportedConversation = z.object({
  title: z.string().trim().min(1).max(200),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  archived: z.boolean(),
  pinned: z.boolean(),
  /** The profile it used when exported (null: the default). An import keeps it only if that profile exists there. */
  profile: z.object({ id: Id, name: z.string().max(200) }).nullable(),
  /** Its own model, instead of its profile's (null: the profile's). */
  model: z.object({ providerId: Id, model: z.string().min(1).max(200) }).nullable(),
  /** Its own instructions, instead of its profile's (null: the profile's). */
  instructions: z.string().max(100_000).nullable(),
  /** The end of the branch that was on screen. */
  activeLeafId: Id.nullable(),
  messages: z
    .array(ExportedMessage)
    .max(
      MAX_IMPORT_MESSAGES,
      `A conversation can bring at most ${MAX_IMPORT_MESSAGES.toLocaleString('en-US')} messages.`,
    ),
});
export type ExportedConversation = z.infer<typeof ExportedConversation>;

/** One run in a recall's history (newest first in the file). */
export const ExportedRecallRun = RecallRun.pick({
  dueAt: true,
  startedAt: true,
  finishedAt: true,
  outcome: true,
  error: true,
  runId: true,
});
export type ExportedRecallRun = z.infer<typeof ExportedRecallRun>;

/**
 * A recall of the conversation: its schedule, state and controls as they were, and its run
 * history. An import brings it back paused (never a surprise run), whatever state it was in.
 */
export const ExportedRecall = Recall.omit({ sessionId: true, scheduleWords: true, attempts: true })
  .extend({
    id: Id,
    message: z.string().min(1).max(100_000),
    cronExpression: z.string().max(1000).nullable(),
    timeZone: z.string().max(100).nullable(),
    lastError: z.string().max(100_000).nullable(),
    runs: z.array(ExportedRecallRun).max(MAX_EXPORT_RECALL_RUNS),
  })
  .refine((recall) => recall.kind !== 'once' || recall.triggerAt !== null, 'A one-time recall needs its time.')
  .refine(
    (recall) => recall.kind !== 'interval' || (recall.intervalSeconds !== null && recall.intervalSeconds > 0),
    'A repeating recall needs its interval.',
  )
  .refine(
    (recall) => recall.kind !== 'cron' || (recall.cronExpression !== null && recall.timeZone !== null),
    'A cron recall needs its expression and time zone.',
  );
export type ExportedRecall = z.infer<typeof ExportedRecall>;

/** One entry of the conversation's tool-run log: what ran, who allowed it, how it ended. */
export const ExportedToolRun = ToolRunEntry.omit({ id: true, sessionId: true });
export type ExportedToolRun = z.infer<typeof ExportedToolRun>;

/** The header every export file starts with: what it is and which version of the format. */
export const ExportHeader = z.object({
  format: z.string(),
  version: z.number(),
});

/** One conversation with every branch, its tool calls and results, notes, settings and files. */
export const ConversationExport = z.object({
  format: z.literal(CONVERSATION_EXPORT_FORMAT),
  version: z.literal(CONVERSATION_EXPORT_VERSION),
  /** ISO time of the export (for people reading the file; ignored on import). */
  exportedAt: z.string().max(100),
  app: z.object({ name: z.string().max(100), version: z.string().max(100) }),
  conversation: ExportedConversation,
  attachments: z.array(ExportedAttachment).max(100_000),
  /** Its recalls with their history (absent in files from before recalls were exported). */
  recalls: z.array(ExportedRecall).max(MAX_EXPORT_RECALLS).optional(),
  /** Its tool-run log, oldest first (absent in older files). */
  toolRuns: z.array(ExportedToolRun).max(MAX_TOOL_RUN_LOG_ENTRIES).optional(),
});
export type ConversationExport = z.infer<typeof ConversationExport>;

/** The manifest of an archive: which conversation files it holds, in order. */
export const ArchiveManifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: z.string().max(100),
  app: z.object({ name: z.string().max(100), version: z.string().max(100) }),
  conversations: z
    .array(z.object({ file: z.string().min(1).max(300), title: z.string().max(200) }))
    .max(MAX_IMPORT_CONVERSATIONS),
});
export type ArchiveManifest = z.infer<typeof ArchiveManifest>;

export const ExportFormat = z.enum(['json', 'markdown']);
export type ExportFormat = z.infer<typeof ExportFormat>;

const TransferId = z.string().min(1).max(100);
/** Base64 of at most TRANSFER_CHUNK_BYTES bytes. */
const ChunkData = z
  .string()
  .max(Math.ceil(TRANSFER_CHUNK_BYTES / 3) * 4, `A chunk can carry at most ${TRANSFER_CHUNK_BYTES} bytes.`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'A chunk must be base64.');

/** A file the core made ready to be read in chunks (then saved by the window). */
export const PreparedExport = z.object({
  exportId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  chunkBytes: z.number().int().positive(),
});
export type PreparedExport = z.infer<typeof PreparedExport>;

/**
 * Exporting and importing conversations. An export is written by the core and read by the window in
 * chunks within the frame limit; an import is sent in chunks, then checked whole and added as new
 * conversations (new ids; nothing existing is overwritten). Both belong to the connection that
 * began them and are thrown away with it.
 */
export const exportsService = defineService('exports', {
  /** One conversation, every branch, as JSON (with its files) or Markdown. */
  conversation: method({
    input: z.object({ sessionId: Id, format: ExportFormat }),
    output: PreparedExport,
  }),
  /** The conversation as Markdown text, for copying (the same text the Markdown export holds). */
  markdown: method({ input: z.object({ sessionId: Id }), output: z.object({ markdown: z.string() }) }),
  /** Every conversation (archived ones too) and their files as one ZIP archive. */
  archive: method({ input: z.undefined().optional(), output: PreparedExport }),
  /** Bytes of a prepared export from `offset`, at most `chunkBytes` at a time. */
  read: method({
    input: z.object({ exportId: TransferId, offset: z.number().int().nonnegative() }),
    output: z.object({ data: z.string(), offset: z.number().int(), total: z.number().int() }),
  }),
  /** Done with an export (or giving up on it): its file is deleted. */
  release: method({ input: z.object({ exportId: TransferId }), output: z.object({ released: z.boolean() }) }),
  /** Starts sending a file to import: a conversation's JSON or an archive. */
  beginImport: method({
    input: z.object({
      name: z.string().trim().min(1).max(1000),
      size: z
        .number()
        .int()
        .positive('The file is empty.')
        .max(MAX_IMPORT_BYTES, `A file to import can be at most ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`),
    }),
    output: z.object({ importId: z.string(), chunkBytes: z.number().int().positive() }),
  }),
  importChunk: method({
    input: z.object({ importId: TransferId, offset: z.number().int().min(0).max(MAX_IMPORT_BYTES), data: ChunkData }),
    output: z.object({ received: z.number().int() }),
  }),
  /**
   * Checks the whole file and adds what it holds as new conversations; refuses it whole, with the
   * reason. Their recalls come back paused (`pausedRecalls` of them): an import never starts runs.
   */
  finishImport: method({
    input: z.object({ importId: TransferId }),
    output: z.object({ sessions: z.array(Session), pausedRecalls: z.number().int().nonnegative() }),
  }),
  discardImport: method({ input: z.object({ importId: TransferId }), output: z.object({ discarded: z.boolean() }) }),
});
