import { z } from 'zod';
import { AttachmentPart } from './attachments';
import { ToolApprovalPart } from './toolApproval';

export { forkKey, messageText, ROOT_FORK } from './display';

/** One piece of a message. A run's assistant message holds its text, tool calls and their results in order. */
export const MessagePart = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('tool-call'),
    toolCallId: z.string(),
    toolName: z.string(),
    input: z.unknown(),
  }),
  z.object({
    type: z.literal('tool-result'),
    toolCallId: z.string(),
    toolName: z.string(),
    output: z.unknown(),
    isError: z.boolean(),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
  /**
   * An MCP resource attached to a person's message as context, read when it was sent. The agent
   * gives the model its text; binary contents are not kept (`note` says so).
   */
  z.object({
    type: z.literal('resource'),
    serverId: z.string(),
    serverName: z.string(),
    uri: z.string(),
    name: z.string(),
    mimeType: z.string().nullable(),
    text: z.string().nullable(),
    note: z.string().nullable(),
  }),
  /** A file attached to a person's message (image, PDF or text), stored by content in the data directory. */
  AttachmentPart,
  /** A call that needed a person's OK: pending while the run waits, then how it was settled. */
  ToolApprovalPart,
]);
export type MessagePart = z.infer<typeof MessagePart>;

/** `system`: a line Navi itself writes into the conversation (a recall note), never a reply. */
export const MessageRole = z.enum(['user', 'assistant', 'system']);
export type MessageRole = z.infer<typeof MessageRole>;

/**
 * `partial`: the run that wrote it was stopped or failed before it finished. `interrupted`: Navi
 * closed (or crashed) while it was being written; what had streamed so far was kept.
 */
export const MessageStatus = z.enum(['complete', 'partial', 'interrupted']);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** Who started the run a message belongs to: a person, or a recall firing. */
export const MessageOrigin = z.enum(['user', 'recall']);
export type MessageOrigin = z.infer<typeof MessageOrigin>;

/** Tokens a reply cost, as the provider reported them (summed over the reply's model calls). */
export const TokenUsage = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof TokenUsage>;

export const Message = z.object({
  id: z.string(),
  sessionId: z.string(),
  /**
   * The message this one follows (null: the conversation's first). Messages form a tree: an edit or
   * a regenerated reply is a sibling of the message it replaces.
   */
  parentId: z.string().nullable(),
  /** Order of writing within the session, increasing (also along every branch). */
  position: z.number().int(),
  role: MessageRole,
  parts: z.array(MessagePart),
  status: MessageStatus,
  origin: MessageOrigin,
  createdAt: z.number(),
  /** Replies: what the provider reported, when it did. */
  usage: TokenUsage.optional(),
  /** Replies: the model that wrote it. */
  model: z.string().optional(),
});
export type Message = z.infer<typeof Message>;

/**
 * Children of the messages where a conversation branches: parent id (or ROOT_FORK) to the ids of
 * its children, oldest first. Only forks with more than one child are listed.
 */
export const Forks = z.record(z.string(), z.array(z.string()));
export type Forks = z.infer<typeof Forks>;
