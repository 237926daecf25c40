import type {
  Message,
  MessageOrigin,
  RunStatus,
  TokenUsage,
  ToolPolicy,
  UnattendedPolicy,
} from '../../shared/contract';
import type { ReplyPiece } from '../../shared/chat/replyFold';
import type { ToolInteraction } from '../tools/types';

/** What a conversation chose for itself; null: its profile's (or the default profile's). */
export interface ConversationChoice {
  readonly profileId: string | null;
  readonly providerId: string | null;
  readonly model: string | null;
  readonly instructions: string | null;
}

export const NO_CHOICE: ConversationChoice = { profileId: null, providerId: null, model: null, instructions: null };

/** What the orchestrator gives an agent for one run. */
export interface AgentRunRequest {
  /** The conversation's profile, model and instructions (left out: the defaults). */
  readonly conversation?: ConversationChoice;
  readonly sessionId: string;
  readonly runId: string;
  /** The session's stored messages, oldest first; the message that started this run is last. */
  readonly history: readonly Message[];
  /** `recall` when a recall fired this run headlessly. */
  readonly origin: MessageOrigin;
  /** Aborted when someone presses stop or the session is deleted: end the HTTP request and tools. */
  readonly signal: AbortSignal;
  /** Progress and questions of the run's tool calls, shown in the conversation (by tool call id). */
  readonly interaction?: (toolCallId: string) => ToolInteraction;
  /** Decides which tool calls may run (policies and approvals). Absent: every registered tool runs. */
  readonly gate?: ToolCallGate;
  /** A recall run's policy for when a person's answer is needed (tool approval, MCP elicitation). */
  readonly unattendedPolicy?: UnattendedPolicy;
}

/** A tool call the gate decides on. `approvalId` is the AI SDK's, when it asked for approval. */
export interface GateCall {
  readonly toolCallId: string;
  readonly toolName: string;
  readonly input: unknown;
  readonly approvalId?: string;
}

export type GateVerdict =
  | { readonly allowed: true }
  /** Not run: `reason` tells the model; `endsRun` (a message for people) ends the run instead. */
  | { readonly allowed: false; readonly reason: string; readonly endsRun?: string };

/**
 * The run's say over tool calls: which tools are offered (`never` ones are not), which need a
 * person's OK (the AI SDK's `needsApproval`), and, per call, whether it may run.
 */
export interface ToolCallGate {
  policyFor(toolName: string): ToolPolicy;
  /** Resolves once decided (by rule, by a person, or by the unattended policy); rejects if `signal` aborts first. */
  authorize(call: GateCall, signal: AbortSignal): Promise<GateVerdict>;
  /** How an allowed call ended (for the tool-run log). */
  finished(toolCallId: string, isError: boolean): void;
}

/**
 * What an agent yields while it runs. Text arrives as deltas; tool calls and results as they happen
 * (the same pieces a reply is folded from: approvals come from the gate, not the agent).
 */
export type AgentEvent =
  | Exclude<ReplyPiece, { readonly type: 'tool-approval' }>
  /** Waiting for the model, or about to try it again: shown until text or a tool call arrives. */
  | { readonly type: 'status'; readonly status: RunStatus }
  /** One model call finished: what it cost (when the provider said) and which model made it. */
  | { readonly type: 'usage'; readonly model: string; readonly usage: TokenUsage | undefined };

/**
 * Drives one run. Returning ends the run as completed; throwing ends it as an error whose message a
 * person reads (throw an `AgentError` to say which kind); an abort of `signal` ends it as stopped.
 */
export interface Agent {
  run(request: AgentRunRequest): AsyncIterable<AgentEvent>;
}

export type AgentErrorKind = 'provider' | 'max_iterations' | 'not_configured' | 'approval_timeout' | 'internal';

/** A failure with a message meant for people (shown inline in the conversation). */
export class AgentError extends Error {
  constructor(
    readonly kind: AgentErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AgentError';
  }
}
