import { randomUUID } from 'node:crypto';
import type { Agent } from '../../src/core/agent/types';
import type { AppEventBus } from '../../src/core/events/appEventBus';
import type { StreamSink } from '../../src/core/sessions/coalescingSubscriber';
import type { StartedRun } from '../../src/core/sessions/runLifecycle';
import { foldReplyPiece } from '../../src/shared/chat/replyFold';
import type { RunOutcome, UnsequencedEvent } from '../../src/core/sessions/sessionChannel';
import type { SessionStore } from '../../src/core/store/sessionStore';
import type { ChatEvent, MessageOrigin, MessagePart } from '../../src/shared/contract';
import { toDisposable, type Disposable } from '../../src/shared/rpc';

export interface NaiveOrchestratorOptions {
  readonly store: SessionStore;
  readonly agent: () => Agent;
  readonly bus: AppEventBus;
  readonly bufferCapacity?: number;
}

/**
 * The straightforward approach, as the baseline the benchmarks compare against. It does the same
 * work as Navi's orchestrator where the work is the same (same store writes, same events, same
 * agent, same sinks) and differs where a competent first version would:
 * - the replay buffer is a plain array per session, trimmed with `shift()` once over capacity;
 * - live events go out one per message, with no coalescing (so no timer latency either);
 * - a late subscriber's replay goes out batched, as one message;
 * - a session's state is freed once nothing runs or watches there (its array goes with it).
 * Delivery is drained on a microtask right after each event, and the run loop is a plain
 * `for await` without an abort race.
 */
export class NaiveOrchestrator {
  private readonly sessions = new Map<string, NaiveSession>();
  private readonly capacity: number;

  constructor(private readonly options: NaiveOrchestratorOptions) {
    this.capacity = options.bufferCapacity ?? 4096;
  }

  /** Sessions whose state is held in memory (all that were ever touched). */
  get liveSessionCount(): number {
    return this.sessions.size;
  }

  private session(sessionId: string): NaiveSession {
    let session = this.sessions.get(sessionId);
    if (!session) {
      session = new NaiveSession(this.options.store.lastSeq(sessionId), this.capacity, (idle) =>
        this.free(sessionId, idle),
      );
      this.sessions.set(sessionId, session);
    }
    return session;
  }

  private free(sessionId: string, session: NaiveSession): void {
    if (this.sessions.get(sessionId) !== session) return;
    this.sessions.delete(sessionId);
    this.options.store.recordSeq(sessionId, session.seq);
  }

  startRun(sessionId: string, text: string, origin: MessageOrigin = 'user'): StartedRun {
    const { store } = this.options;
    store.requireSession(sessionId);
    const session = this.session(sessionId);
    if (session.active) throw new Error('A run is already active in this session.');
    const prompt = store.appendMessage({
      sessionId,
      role: 'user',
      parts: [{ type: 'text', text }],
      status: 'complete',
      origin,
    });
    const runId = randomUUID();
    const replyId = randomUUID();
    const controller = new AbortController();
    session.active = controller;
    session.emit({ type: 'run-started', runId, origin, prompt, replyId, forks: {} });
    this.publishChanged(sessionId);
    const done = this.drive(sessionId, session, runId, replyId, origin, controller.signal);
    return { runId, messageId: prompt.id, replyId, done };
  }

  stop(sessionId: string): boolean {
    const controller = this.sessions.get(sessionId)?.active;
    if (!controller || controller.signal.aborted) return false;
    controller.abort();
    return true;
  }

  private async drive(
    sessionId: string,
    session: NaiveSession,
    runId: string,
    replyId: string,
    origin: MessageOrigin,
    signal: AbortSignal,
  ): Promise<RunOutcome> {
    const { store } = this.options;
    let parts: MessagePart[] = [];
    let status: RunOutcome['status'] = 'completed';
    let error: string | undefined;
    try {
      const history = store.activePath(sessionId);
      for await (const event of this.options.agent().run({ sessionId, runId, history, origin, signal })) {
        if (signal.aborted) break;
        if (event.type !== 'status' && event.type !== 'usage') parts = foldReplyPiece(parts, event);
        session.emit({ ...event, runId } as UnsequencedEvent);
      }
      if (signal.aborted) status = 'stopped';
    } catch (thrown) {
      status = signal.aborted ? 'stopped' : 'error';
      if (!signal.aborted) error = thrown instanceof Error ? thrown.message : String(thrown);
    }
    const allParts: MessagePart[] = error ? [...parts, { type: 'error', message: error }] : parts;
    const message = store.appendMessage(
      {
        id: replyId,
        sessionId,
        role: 'assistant',
        parts: allParts,
        status: status === 'completed' ? 'complete' : 'partial',
        origin,
      },
      session.seq + 1,
    );
    if (status === 'completed') session.emit({ type: 'run-completed', runId, message });
    else if (status === 'stopped') session.emit({ type: 'run-stopped', runId, message });
    else session.emit({ type: 'run-error', runId, error: error ?? 'error', message });
    session.active = undefined;
    this.publishChanged(sessionId);
    session.freeIfIdle();
    return { runId, status, message, ...(error ? { error } : {}) };
  }

  snapshot(sessionId: string): { seq: number } {
    this.options.store.requireSession(sessionId);
    return { seq: this.sessions.get(sessionId)?.seq ?? this.options.store.lastSeq(sessionId) };
  }

  subscribe(sessionId: string, fromSeq: number, sink: StreamSink): Disposable {
    this.options.store.requireSession(sessionId);
    return this.session(sessionId).subscribe(fromSeq, sink);
  }

  private publishChanged(sessionId: string): void {
    const session = this.options.store.getSession(sessionId);
    if (session) this.options.bus.publish({ type: 'session-changed', session: { ...session, busy: false } });
  }

  async close(): Promise<void> {
    for (const session of this.sessions.values()) session.active?.abort();
    this.sessions.clear();
  }
}

class NaiveSession {
  /** The replay buffer: an array, trimmed from the front with shift(). */
  private readonly events: ChatEvent[] = [];
  private readonly subscribers = new Set<NaiveSubscriber>();
  active: AbortController | undefined;

  constructor(
    public seq: number,
    private readonly capacity: number,
    private readonly onIdle: (session: NaiveSession) => void,
  ) {}

  freeIfIdle(): void {
    if (!this.active && this.subscribers.size === 0) this.onIdle(this);
  }

  emit(event: UnsequencedEvent): void {
    const sequenced = { ...event, seq: ++this.seq } as ChatEvent;
    this.events.push(sequenced);
    if (this.events.length > this.capacity) this.events.shift();
    for (const subscriber of this.subscribers) subscriber.push(sequenced);
  }

  subscribe(fromSeq: number, sink: StreamSink): Disposable {
    const oldest = this.events[0]?.seq ?? this.seq + 1;
    if (fromSeq < oldest || fromSeq > this.seq + 1) {
      sink.deliver({ kind: 'reload', seq: this.seq });
      return toDisposable(() => {});
    }
    const subscriber = new NaiveSubscriber(sink);
    subscriber.pushBatch(this.events.filter((event) => event.seq >= fromSeq));
    this.subscribers.add(subscriber);
    return toDisposable(() => {
      subscriber.closed = true;
      this.subscribers.delete(subscriber);
      this.freeIfIdle();
    });
  }
}

/** One subscriber's unbounded queue: a replay goes out as one message, live events one per message. */
class NaiveSubscriber {
  private queue: ChatEvent[][] = [];
  private draining = false;
  closed = false;

  constructor(private readonly sink: StreamSink) {}

  push(event: ChatEvent): void {
    this.pushBatch([event]);
  }

  pushBatch(events: ChatEvent[]): void {
    if (events.length === 0) return;
    this.queue.push(events);
    if (this.draining) return;
    this.draining = true;
    queueMicrotask(() => this.drain());
  }

  private drain(): void {
    const batches = this.queue;
    this.queue = [];
    for (const events of batches) {
      if (this.closed) break;
      this.sink.deliver({ kind: 'events', fromSeq: events[0]!.seq, toSeq: events[events.length - 1]!.seq, events });
    }
    this.draining = false;
  }
}
