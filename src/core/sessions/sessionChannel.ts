import type {
  ChatEvent,
  Message,
  MessageOrigin,
  MessagePart,
  RunStatus,
  TokenUsage,
  UnattendedPolicy,
} from '../../shared/contract';
import type { RunApprovals } from '../approvals/toolApprovals';
import { toDisposable, type Disposable } from '../../shared/rpc';
import type { Clock } from '../ports';
import { CoalescingSubscriber, type CoalescingOptions, type StreamSink } from './coalescingSubscriber';
import type { ReplyCheckpoint } from './replyCheckpoint';
import { SeqRingBuffer } from './ringBuffer';
import type { RunInteractions } from './runInteractions';

/** Distributive Omit, so each event kind keeps its own fields. */
export type UnsequencedEvent = ChatEvent extends infer E ? (E extends ChatEvent ? Omit<E, 'seq'> : never) : never;

export interface RunOutcome {
  readonly runId: string;
  readonly status: 'completed' | 'stopped' | 'error';
  /** For errors: what kind (max iterations counts as fired for recalls). */
  readonly errorKind?: string;
  readonly error?: string;
  readonly message?: Message;
}

export interface ActiveRun {
  readonly runId: string;
  readonly replyId: string;
  readonly origin: MessageOrigin;
  /** The message the run answers (a new prompt, or the one a regenerated reply answers). */
  readonly prompt: Message;
  /** A retry that re-runs from its stored prompt and rewrites the reply stored under `replyId`. */
  readonly replaces: boolean;
  readonly startedAt: number;
  readonly controller: AbortController;
  /** The reply so far, in order (each piece makes a new array: shared/chat/replyFold); late windows get it in their snapshot. */
  parts: MessagePart[];
  readonly checkpoint: ReplyCheckpoint;
  readonly done: Promise<RunOutcome>;
  /** Tool progress and servers' questions while the run's tools work. */
  readonly interactions?: RunInteractions;
  /** What it waits for now (until text or a tool call arrives). */
  status?: RunStatus;
  /** Tokens so far, summed over the run's model calls, and the model that made them. */
  usage?: TokenUsage;
  model?: string;
  /** A recall run's policy for tools that need a person's OK. */
  readonly unattendedPolicy?: UnattendedPolicy;
  /** Tool policies and approvals of this run. */
  gate?: RunApprovals;
}

/**
 * The live side of one session: its event numbering, the replay buffer, its subscribers and the
 * active run, if any. It exists only while a run is active or someone is watching.
 */
export class SessionChannel {
  private readonly buffer: SeqRingBuffer<ChatEvent>;
  private readonly subscribers = new Set<CoalescingSubscriber>();
  activeRun: ActiveRun | undefined;
  /** Notes that arrived during the active run; written after it, never between prompt and reply. */
  readonly deferredNotes: string[] = [];

  constructor(
    readonly sessionId: string,
    lastSeq: number,
    capacity: number,
    private readonly clock: Clock,
    private readonly coalescing: CoalescingOptions,
    private readonly onIdle: (channel: SessionChannel) => void,
  ) {
    this.buffer = new SeqRingBuffer<ChatEvent>(capacity, lastSeq + 1);
  }

  get lastSeq(): number {
    return this.buffer.lastSeq;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  get isIdle(): boolean {
    return this.activeRun === undefined && this.subscribers.size === 0;
  }

  emit(event: UnsequencedEvent): ChatEvent {
    const sequenced = { ...event, seq: this.buffer.lastSeq + 1 } as ChatEvent;
    this.buffer.push(sequenced);
    for (const subscriber of this.subscribers) subscriber.push(sequenced);
    return sequenced;
  }

  /**
   * Replays everything from `fromSeq` that the buffer holds, then follows live. When `fromSeq` is
   * older than the buffer (or from another life of this session), the sink is told to reload.
   */
  subscribe(fromSeq: number, sink: StreamSink): Disposable {
    if (!this.buffer.canReplayFrom(fromSeq)) {
      sink.deliver({ kind: 'reload', seq: this.buffer.lastSeq });
      queueMicrotask(() => this.checkIdle());
      return toDisposable(() => {});
    }
    const subscriber = new CoalescingSubscriber(sink, this.clock, this.coalescing, (detached) => this.remove(detached));
    for (const event of this.buffer.from(fromSeq)) subscriber.push(event);
    this.subscribers.add(subscriber);
    return toDisposable(() => this.remove(subscriber));
  }

  private remove(subscriber: CoalescingSubscriber): void {
    subscriber.close();
    if (this.subscribers.delete(subscriber)) this.checkIdle();
  }

  checkIdle(): void {
    if (this.isIdle) this.onIdle(this);
  }

  /** Ends every subscription after delivering what is waiting (the session is gone). */
  closeAll(): void {
    for (const subscriber of this.subscribers) subscriber.drainAndClose();
    this.subscribers.clear();
  }
}
