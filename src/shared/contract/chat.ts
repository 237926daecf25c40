import { z } from 'zod';
import { defineService, event, method } from '../rpc/service';
import { ElicitationAction, ElicitationContent, ElicitationResolution, PendingElicitation } from './elicitation';
import { AttachmentRef } from './attachments';
import { MAX_ATTACHMENTS_PER_MESSAGE, messageTooLong } from './limits';
import { McpResourceRef } from './mcp';
import { Forks, Message, MessageOrigin } from './messages';
import { RunStatus } from './runStatus';
import { Session, SessionId } from './sessions';
import { ToolProgress } from './toolProgress';
import { ApprovalAnswer, ToolApprovalPart } from './toolApproval';

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
    /**
     * Children of the prompt's parent and of the prompt (the reply included), whatever their number:
     * an edit or a regenerated reply adds a version there.
     */
    forks: Forks,
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
  /** The reply is waiting for the model, or about to try it again (until text or a tool call arrives). */
  z.object({ type: z.literal('run-status'), seq: z.number().int(), runId: z.string(), status: RunStatus }),
  /** A running tool reported progress (at most a few per second per call). */
  z.object({ type: z.literal('tool-progress'), seq: z.number().int(), runId: z.string(), progress: ToolProgress }),
  /** An MCP server asks the person for input; the run waits until a window answers. */
  z.object({
    type: z.literal('elicitation-requested'),
    seq: z.number().int(),
    runId: z.string(),
    elicitation: PendingElicitation,
  }),
  /** The question is gone: answered (here or in another window), answered by a recall's rule, or withdrawn. */
  z.object({
    type: z.literal('elicitation-resolved'),
    seq: z.number().int(),
    runId: z.string(),
    elicitationId: z.string(),
    action: ElicitationAction,
    resolution: ElicitationResolution,
  }),
  /**
   * A tool call needs (or needed) a person's OK: its current state. The reply's parts carry the same
   * part (replaced by approval id), so a snapshot shows a pending card to a window that opens late.
   */
  z.object({ type: z.literal('tool-approval'), seq: z.number().int(), runId: z.string(), approval: ToolApprovalPart }),
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
  /** Another branch is on screen now (in every window): load the conversation again. */
  z.object({ type: z.literal('branch-switched'), seq: z.number().int(), leafId: z.string() }),
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

const MessageText = z.string().superRefine((text, context) => {
  const problem = messageTooLong(text.length);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
/** Files to attach (uploaded first with `attachments.begin/chunk/finish`); their limits are checked in the core. */
const Attachments = z
  .array(AttachmentRef)
  .max(MAX_ATTACHMENTS_PER_MESSAGE, `A message can have at most ${MAX_ATTACHMENTS_PER_MESSAGE} files.`)
  .optional();
/** A message needs some text, unless it carries files. */
const notEmpty = (input: { text: string; attachments?: readonly unknown[] }, context: z.RefinementCtx): void => {
  if (input.text.trim().length === 0 && !input.attachments?.length) {
    context.addIssue({ code: 'custom', path: ['text'], message: 'A message cannot be empty' });
  }
};
const MessageId = z.string().min(1).max(100);
/** MCP resources to attach as context; the core reads them before the run starts. */
const Resources = z
  .array(McpResourceRef)
  .max(MAX_ATTACHMENTS_PER_MESSAGE, `At most ${MAX_ATTACHMENTS_PER_MESSAGE} resources per message`)
  .optional();
const StartedRun = z.object({ runId: z.string(), messageId: z.string(), replyId: z.string() });

export const chatService = defineService('chat', {
  /** Sends a message at the end of the branch on screen. */
  send: method({
    input: z
      .object({ sessionId: SessionId, text: MessageText, resources: Resources, attachments: Attachments })
      .superRefine(notEmpty),
    output: StartedRun,
  }),
  /**
   * Starts a conversation with its first message. Nothing is created when the message is refused,
   * so no empty "New chat" is left behind.
   */
  start: method({
    input: z
      .object({
        text: MessageText,
        resources: Resources,
        attachments: Attachments,
        /** The profile the new conversation uses (left out: the default profile). */
        profileId: z.string().min(1).max(100).optional(),
      })
      .superRefine(notEmpty),
    output: StartedRun.extend({ sessionId: z.string() }),
  }),
  /** Sends an edited version of one of your messages: a new branch from there. */
  edit: method({
    input: z.object({ sessionId: SessionId, messageId: MessageId, text: MessageText }).superRefine(notEmpty),
    output: StartedRun,
  }),
  /** A new reply in place of a reply (also "Retry" after an error, which replaces the failed one). */
  regenerate: method({ input: z.object({ sessionId: SessionId, messageId: MessageId }), output: StartedRun }),
  /** Shows the branch through a message, in every window on the conversation. */
  switchBranch: method({
    input: z.object({ sessionId: SessionId, messageId: MessageId }),
    output: z.object({ leafId: z.string() }),
  }),
  /** Answers a server's question (elicitation) from any window; false when it was already answered or withdrawn. */
  answerElicitation: method({
    input: z.object({
      sessionId: SessionId,
      elicitationId: z.string().min(1).max(100),
      action: ElicitationAction,
      content: ElicitationContent.optional(),
    }),
    output: z.object({ answered: z.boolean() }),
  }),
  stop: method({ input: z.object({ sessionId: SessionId }), output: z.object({ stopped: z.boolean() }) }),
  /**
   * Answers a pending approval card from any window. `accepted` is false when it was already
   * settled (another window answered first, the run was stopped, or it timed out).
   */
  answerApproval: method({
    input: z.object({ sessionId: SessionId, approvalId: z.string().min(1).max(200), answer: ApprovalAnswer }),
    output: z.object({ accepted: z.boolean() }),
  }),
  subscribe: event({
    input: z.object({ sessionId: SessionId, fromSeq: z.number().int().nonnegative() }),
    payload: ChatStreamMessage,
  }),
});
