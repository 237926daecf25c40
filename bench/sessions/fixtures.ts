import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { join } from 'node:path';
import type { Agent, AgentEvent } from '../../src/core/agent/types';
import { openDatabase } from '../../src/core/db/database';
import { AppEventBus } from '../../src/core/events/appEventBus';
import type { Logger } from '../../src/core/ports';
import type { StreamSink } from '../../src/core/sessions/coalescingSubscriber';
import { Orchestrator } from '../../src/core/sessions/orchestrator';
import { SessionStore } from '../../src/core/store/sessionStore';
import { isTerminalEvent, type ChatStreamMessage } from '../../src/shared/contract';
import type { Disposable } from '../../src/shared/rpc';
import { NaiveOrchestrator } from './naiveOrchestrator';

export type { SideName } from '../lib/sides';
import type { SideName } from '../lib/sides';

/** The surface both orchestrators share and the benchmarks drive. */
export interface BenchOrchestrator {
  startRun(sessionId: string, text: string): { readonly done: Promise<unknown> };
  subscribe(sessionId: string, fromSeq: number, sink: StreamSink): Disposable;
  snapshot(sessionId: string): { readonly seq: number };
  readonly liveSessionCount: number;
}

export interface Side {
  readonly name: SideName;
  readonly store: SessionStore;
  readonly orchestrator: BenchOrchestrator;
  /** Closes the orchestrator and the database. */
  close(): Promise<void>;
}

const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * One side on a real SQLite file: Navi's orchestrator with the real system clock (so its 33 ms
 * coalescing is part of what is measured), or the naive baseline, over the same store and bus.
 */
export function openSide(
  name: SideName,
  dir: string,
  agent: () => Agent,
  options: { bufferCapacity?: number } = {},
): Side {
  const database = openDatabase(join(dir, `${name}-${Math.random().toString(36).slice(2)}.db`));
  const store = new SessionStore(database.db);
  const bus = new AppEventBus();
  const close = async (shutDown: () => Promise<void>): Promise<void> => {
    await shutDown();
    bus.dispose();
    database.close();
  };
  if (name === 'navi') {
    const orchestrator = new Orchestrator({ store, agent, bus, logger: silentLogger, ...options });
    return { name, store, orchestrator, close: () => close(() => orchestrator.close(100)) };
  }
  const orchestrator = new NaiveOrchestrator({ store, agent, bus, ...options });
  return { name, store, orchestrator, close: () => close(() => orchestrator.close()) };
}

/** A short token, like a model's streamed text delta. */
export const DELTA_TEXT = 'word ';

/**
 * Yields `count` text deltas as fast as it can while still letting the event loop turn between
 * them, as a provider's stream does when each chunk arrives in its own network read (an agent that
 * never yielded to the event loop would hand Navi's coalescing the whole reply in one batch).
 */
export function streamingAgent(count: number, emittedAt?: number[]): Agent {
  return {
    async *run(): AsyncGenerator<AgentEvent> {
      for (let i = 0; i < count; i++) {
        await nextMacrotask();
        emittedAt?.push(performance.now());
        yield { type: 'text-delta', text: DELTA_TEXT };
      }
    },
  };
}

/** Streams `count` deltas, then stays in the run (still active) until released or stopped. */
export class GatedAgent implements Agent {
  private release: (() => void) | undefined;
  private reached: (() => void) | undefined;
  /** Resolves once every delta has been taken in by the orchestrator. */
  atGate: Promise<void> = Promise.resolve();

  constructor(private readonly count: number) {}

  async *run({ signal }: { signal: AbortSignal }): AsyncGenerator<AgentEvent> {
    for (let i = 0; i < this.count; i++) {
      if (i % 64 === 0) await nextMacrotask();
      yield { type: 'text-delta', text: DELTA_TEXT };
    }
    // Resumed after the last yield: the orchestrator has applied every delta.
    this.reached?.();
    await new Promise<void>((resolve) => {
      this.release = resolve;
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  /** Call before starting the run; the returned promise is also kept in `atGate`. */
  arm(): Promise<void> {
    this.atGate = new Promise<void>((resolve) => (this.reached = resolve));
    return this.atGate;
  }

  open(): void {
    this.release?.();
  }
}

/**
 * A subscriber standing in for a window: every message is JSON.stringify'd (the transport's framing
 * cost, the same for both sides) and checked to continue the previous one with no gap.
 */
export class FramingSink implements StreamSink {
  messages = 0;
  bytes = 0;
  lastSeq: number;
  reloaded = false;
  terminals = 0;
  private waiters: { seq: number; resolve: () => void }[] = [];
  private terminalWaiter: (() => void) | undefined;
  /** Per streamed delta, ms from the agent yielding it to this sink receiving it (when timed). */
  readonly latencies: number[] = [];

  /**
   * `timing`: when each delta was yielded, and the seq of the first one, to measure how long
   * each took to arrive (a coalesced message delivers every seq it covers at once).
   */
  constructor(
    fromSeq: number,
    private readonly timing?: { readonly emittedAt: readonly number[]; readonly firstDeltaSeq: number },
  ) {
    this.lastSeq = fromSeq - 1;
  }

  deliver(message: ChatStreamMessage): void {
    if (this.timing && message.kind === 'events') {
      const at = performance.now();
      for (let seq = message.fromSeq; seq <= message.toSeq; seq++) {
        const emitted = this.timing.emittedAt[seq - this.timing.firstDeltaSeq];
        if (emitted !== undefined) this.latencies.push(at - emitted);
      }
    }
    this.bytes += JSON.stringify(message).length;
    this.messages++;
    if (message.kind === 'reload') {
      this.reloaded = true;
      return;
    }
    if (message.fromSeq !== this.lastSeq + 1) {
      throw new Error(`Gap or duplicate: expected seq ${this.lastSeq + 1}, got ${message.fromSeq}`);
    }
    this.lastSeq = message.toSeq;
    for (const event of message.events) if (isTerminalEvent(event)) this.terminals++;
    if (this.terminals > 0 && this.terminalWaiter) {
      this.terminalWaiter();
      this.terminalWaiter = undefined;
    }
    if (this.waiters.length > 0) {
      this.waiters = this.waiters.filter((waiter) => {
        if (this.lastSeq < waiter.seq) return true;
        waiter.resolve();
        return false;
      });
    }
  }

  /** Resolves when the run's terminal event has arrived. */
  terminal(): Promise<void> {
    if (this.terminals > 0) return Promise.resolve();
    return new Promise((resolve) => (this.terminalWaiter = resolve));
  }

  /** Resolves once everything up to `seq` has arrived. */
  reach(seq: number): Promise<void> {
    if (this.lastSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }
}
