import type { ChatEvent, ChatStreamMessage } from '../../shared/contract';
import type { Clock, TimerHandle } from '../ports';

/** Where one subscriber's stream goes (a window's RPC subscription, a test, a benchmark). */
export interface StreamSink {
  deliver(message: ChatStreamMessage): void;
  /** True while the receiver is not reading; delivery waits and events keep coalescing. */
  isCongested?(): boolean;
}

export interface CoalescingOptions {
  /** At most one delivery per this many milliseconds (DESIGN: 33 ms). */
  readonly intervalMs: number;
  /**
   * A subscriber that falls further behind than this is told to reload instead: memory stays bounded.
   * Text deltas count one by one, also once merged (each merged piece is still held until delivery).
   */
  readonly maxPendingEvents: number;
  readonly maxPendingChars: number;
}

export const DEFAULT_COALESCING: CoalescingOptions = {
  intervalMs: 33,
  maxPendingEvents: 10_000,
  maxPendingChars: 8_000_000,
};

/** Text deltas waiting for delivery, merged (events are shared, so they are never mutated). */
interface PendingText {
  readonly runId: string;
  seq: number;
  readonly pieces: string[];
}

function materialise(entry: ChatEvent | PendingText): ChatEvent {
  return 'pieces' in entry
    ? { type: 'text-delta', runId: entry.runId, seq: entry.seq, text: entry.pieces.join('') }
    : entry;
}

/**
 * One subscriber's outbox. Events wait here and go out together at most once per interval, with
 * consecutive text deltas of a run merged into one; a stalled receiver never slows the run or other
 * subscribers, and one that falls too far behind is dropped to a single `reload` message.
 */
export class CoalescingSubscriber {
  private pending: (ChatEvent | PendingText)[] = [];
  private pendingFrom = 0;
  private pendingTo = 0;
  private pendingChars = 0;
  private pendingEvents = 0;
  private lastDeliveryAt = Number.NEGATIVE_INFINITY;
  private timer: TimerHandle | undefined;
  private overflowedAt: number | undefined;
  private closed = false;

  constructor(
    private readonly sink: StreamSink,
    private readonly clock: Clock,
    private readonly options: CoalescingOptions,
    /** Called once when this subscriber detaches itself (after telling its receiver to reload). */
    private readonly onDetach: (subscriber: CoalescingSubscriber) => void,
  ) {}

  get pendingCount(): number {
    return this.pending.length;
  }

  push(event: ChatEvent): void {
    if (this.closed || this.overflowedAt !== undefined) {
      if (this.overflowedAt !== undefined) this.overflowedAt = event.seq;
      return;
    }
    if (this.pending.length === 0) this.pendingFrom = event.seq;
    this.pendingTo = event.seq;
    this.pendingEvents++;
    if (event.type === 'text-delta') {
      this.pendingChars += event.text.length;
      const last = this.pending[this.pending.length - 1];
      // Consecutive deltas of a run become one: collect the pieces, join them once at delivery.
      if (last && 'pieces' in last && last.runId === event.runId) {
        last.pieces.push(event.text);
        last.seq = event.seq;
      } else {
        this.pending.push({ runId: event.runId, seq: event.seq, pieces: [event.text] });
      }
    } else {
      this.pending.push(event);
    }
    if (this.pendingEvents > this.options.maxPendingEvents || this.pendingChars > this.options.maxPendingChars) {
      this.overflow(event.seq);
      return;
    }
    this.schedule();
  }

  private schedule(delay?: number): void {
    if (this.timer !== undefined || this.closed) return;
    const wait = delay ?? Math.max(0, this.lastDeliveryAt + this.options.intervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (this.closed) return;
    if (this.sink.isCongested?.()) {
      this.schedule(this.options.intervalMs);
      return;
    }
    if (this.overflowedAt !== undefined) {
      this.sink.deliver({ kind: 'reload', seq: this.overflowedAt });
      this.close();
      this.onDetach(this);
      return;
    }
    if (this.pending.length === 0) return;
    const message: ChatStreamMessage = {
      kind: 'events',
      fromSeq: this.pendingFrom,
      toSeq: this.pendingTo,
      events: this.pending.map(materialise),
    };
    this.pending = [];
    this.pendingChars = 0;
    this.pendingEvents = 0;
    this.lastDeliveryAt = this.clock.now();
    this.sink.deliver(message);
  }

  private overflow(seq: number): void {
    this.pending = [];
    this.pendingChars = 0;
    this.pendingEvents = 0;
    this.overflowedAt = seq;
    this.schedule();
  }

  /** Delivers what is waiting right away, then stops (the stream's source is gone). */
  drainAndClose(): void {
    if (!this.closed && this.overflowedAt === undefined && this.pending.length > 0) {
      this.sink.deliver({
        kind: 'events',
        fromSeq: this.pendingFrom,
        toSeq: this.pendingTo,
        events: this.pending.map(materialise),
      });
    }
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
