import { z } from 'zod';
import { defineService, event, method } from '../rpc/service';
import { messageTooLong } from './limits';
import { Message, MessageOrigin } from './messages';
import { Session, SessionId } from './sessions';

/** What happens in a session, in order. Every event carries the session's next `seq`. */
export const ChatEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run-started'),
    seq: z.number().int(),
    runId: z.string(),
    origin: MessageOrigin,
    /** The message that started the run (a person's, or the recall's). */
    prompt: Message,
    /** The id the reply will be stored under. */
    replyId: z.string(),
  }),
  /** Carries every text delta since the previous event for this subscriber (coalesced). */
  z.object({ type: z.literal('text-delta'), seq: z.number().int(), runId: z.string(), text: z.string() }),
  z.object({
    type: z.literal('tool-call'),
    seq: z.number().int(),
    runId: z.string(),
    toolCallId: z.string(),
    toolName: z.string(),
    input: z.unknown(),
  }),
  z.object({
    type: z.literal('tool-result'),
    seq: z.number().int(),
    runId: z.string(),
    toolCallId: z.string(),
    toolName: z.string(),
    output: z.unknown(),
    isError: z.boolean(),
  }),
  z.object({ type: z.literal('run-completed'), seq: z.number().int(), runId: z.string(), message: Message }),
  z.object({ type: z.literal('run-stopped'), seq: z.number().int(), runId: z.string(), message: Message.optional() }),
  z.object({
    type: z.literal('run-error'),
    seq: z.number().int(),
    runId: z.string(),
    error: z.string(),
    message: Message.optional(),
  }),
  /** A message written outside a run (such as a note about a missed recall). */
  z.object({ type: z.literal('message-added'), seq: z.number().int(), message: Message }),
  /** The session itself changed (renamed, archived). */
  z.object({ type: z.literal('session-updated'), seq: z.number().int(), session: Session }),
  z.object({ type: z.literal('session-deleted'), seq: z.number().int() }),
]);
export type ChatEvent = z.infer<typeof ChatEvent>;
export type TerminalChatEvent = Extract<ChatEvent, { type: 'run-completed' | 'run-stopped' | 'run-error' }>;

export const TERMINAL_EVENT_TYPES = ['run-completed', 'run-stopped', 'run-error'] as const;
export function isTerminalEvent(event: ChatEvent): event is TerminalChatEvent {
  return (TERMINAL_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * What a subscriber receives: batches of consecutive events (`fromSeq`..`toSeq`, no gaps), or
 * `reload` when it asked for events older than the replay buffer holds: fetch a snapshot with
 * `sessions.get` and subscribe again from its `seq + 1`.
 */
export const ChatStreamMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('events'),
    fromSeq: z.number().int(),
    toSeq: z.number().int(),
    events: z.array(ChatEvent),
  }),
  z.object({ kind: z.literal('reload'), seq: z.number().int() }),
]);
export type ChatStreamMessage = z.infer<typeof ChatStreamMessage>;

export const chatService = defineService('chat', {
  send: method({
    input: z.object({
      sessionId: SessionId,
      text: z
        .string()
        .refine((text) => text.trim().length > 0, 'A message cannot be empty')
        .superRefine((text, context) => {
          const problem = messageTooLong(text.length);
          if (problem) context.addIssue({ code: 'custom', message: problem });
        }),
    }),
    output: z.object({ runId: z.string(), messageId: z.string() }),
  }),
  stop: method({ input: z.object({ sessionId: SessionId }), output: z.object({ stopped: z.boolean() }) }),
  subscribe: event({
    input: z.object({ sessionId: SessionId, fromSeq: z.number().int().nonnegative() }),
    payload: ChatStreamMessage,
  }),
});
