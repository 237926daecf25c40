import { z } from 'zod';

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
]);
export type MessagePart = z.infer<typeof MessagePart>;

export const MessageRole = z.enum(['user', 'assistant']);
export type MessageRole = z.infer<typeof MessageRole>;

/** `partial`: the run that wrote it was stopped or failed before it finished. */
export const MessageStatus = z.enum(['complete', 'partial']);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** Who started the run a message belongs to: a person, or a recall firing. */
export const MessageOrigin = z.enum(['user', 'recall']);
export type MessageOrigin = z.infer<typeof MessageOrigin>;

export const Message = z.object({
  id: z.string(),
  sessionId: z.string(),
  /** Order within the session, increasing. */
  position: z.number().int(),
  role: MessageRole,
  parts: z.array(MessagePart),
  status: MessageStatus,
  origin: MessageOrigin,
  createdAt: z.number(),
});
export type Message = z.infer<typeof Message>;

/** The plain text of a message's text parts, for titles, previews and notifications. */
export function messageText(message: Pick<Message, 'parts'>): string {
  return message.parts
    .filter((part): part is Extract<MessagePart, { type: 'text' }> => part.type === 'text')
    .map((part) => part.text)
    .join('');
}
