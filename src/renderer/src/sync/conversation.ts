import type {
  Forks,
  Message,
  MessageOrigin,
  PendingElicitation,
  RunStatus,
  Session,
  TokenUsage,
  ToolProgress,
} from '../../../shared/contract';

/** The reply of the run that is active right now, as streamed so far (not stored yet). */
export interface LiveRun {
  readonly runId: string;
  readonly origin: MessageOrigin;
  readonly reply: Message;
  /** The latest progress per running tool call. */
  readonly toolProgress?: Readonly<Record<string, ToolProgress>>;
  /** Servers' questions waiting for an answer. */
  readonly elicitations?: readonly PendingElicitation[];
  /** What the reply waits for, while it waits for the model (or a retry). */
  readonly status?: RunStatus;
}

/** Everything a window shows of one conversation, kept current by its feed. */
export interface Conversation {
  readonly status: 'loading' | 'ready' | 'missing' | 'failed';
  readonly error?: string;
  readonly session?: Session;
  /** The active branch: stored messages of the pages loaded so far, oldest first. */
  readonly messages: readonly Message[];
  /** Where the loaded part of the branch forks (see `Forks`): the versions "‹ 2 / 3 ›" pages through. */
  readonly forks: Forks;
  /** Older messages exist before the first loaded one. */
  readonly hasMore: boolean;
  /** Tokens all replies of the conversation cost so far (every branch). */
  readonly usage: TokenUsage;
  readonly loadingEarlier?: boolean;
  readonly live?: LiveRun;
  /** A run ended with an error but left no message to carry it. */
  readonly orphanRunError?: string;
  /** The seq of the last event applied: the feed follows on from here. */
  readonly seq: number;
}

export const LOADING_CONVERSATION: Conversation = {
  status: 'loading',
  messages: [],
  forks: {},
  hasMore: false,
  usage: { inputTokens: 0, outputTokens: 0 },
  seq: -1,
};
