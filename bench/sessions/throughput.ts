import { alternate, quantile, rowOf } from '../lib/sides';
import { now } from '../lib/timing';
import { withTempDir } from '../lib/tempDir';
import type { BenchModule, BenchRow } from '../lib/types';
import { FramingSink, openSide, streamingAgent, type SideName } from './fixtures';

/** Deltas per measured run. */
const DELTAS = Number(process.env.NAVI_BENCH_DELTAS ?? 20_000);
const SUBSCRIBER_COUNTS = [1, 10, 100] as const;
/** Measured runs per side and subscriber count, sides alternating who goes first. */
const REPEATS = 4;

interface Throughput {
  readonly eventsPerSecond: number;
  readonly messagesPerSubscriber: number;
  readonly kbPerSubscriber: number;
  /** Delta-to-subscriber latency over every delta of the run (first subscriber), ms. */
  readonly latencyP50: number;
  readonly latencyP99: number;
}

/** One run of `deltas` text deltas, watched by `subscribers` windows from its first event. */
async function measure(side: SideName, dir: string, subscribers: number, deltas: number): Promise<Throughput> {
  const emittedAt: number[] = [];
  const opened = openSide(side, dir, () => streamingAgent(deltas, emittedAt));
  try {
    const { orchestrator, store } = opened;
    const session = store.createSession();
    const from = orchestrator.snapshot(session.id).seq + 1;
    // The run's first event is run-started; the deltas follow it.
    const sinks = Array.from(
      { length: subscribers },
      (_, index) => new FramingSink(from, index === 0 ? { emittedAt, firstDeltaSeq: from + 1 } : undefined),
    );
    const subscriptions = sinks.map((sink) => orchestrator.subscribe(session.id, from, sink));
    const start = now();
    const run = orchestrator.startRun(session.id, 'Write a long reply.');
    await Promise.all(sinks.map((sink) => sink.terminal()));
    const seconds = (now() - start) / 1000;
    await run.done;
    for (const subscription of subscriptions) subscription.dispose();
    const events = sinks[0]!.lastSeq - from + 1;
    if (events !== deltas + 2) throw new Error(`${side}: expected ${deltas + 2} events, got ${events}`);
    const total = (pick: (sink: FramingSink) => number): number =>
      sinks.reduce((sum, sink) => sum + pick(sink), 0) / sinks.length;
    const latencies = sinks[0]!.latencies;
    return {
      eventsPerSecond: events / seconds,
      messagesPerSubscriber: total((sink) => sink.messages),
      kbPerSubscriber: total((sink) => sink.bytes) / 1024,
      latencyP50: quantile(latencies, 0.5),
      latencyP99: quantile(latencies, 0.99),
    };
  } finally {
    await opened.close();
  }
}

export const throughputBenchmark: BenchModule = {
  name: 'sessions/throughput',
  description: `(a) ${DELTAS.toLocaleString('en-US')} text deltas streamed to 1, 10 and 100 subscribers; throughput and what coalescing costs in latency`,
  async run({ log }) {
    return withTempDir(async (dir) => {
      // Warm both sides up (JIT, SQLite statements) before anything is timed.
      for (const side of ['navi', 'naive'] as const) await measure(side, dir, 10, 2_000);
      const rows: BenchRow[] = [];
      for (const subscribers of SUBSCRIBER_COUNTS) {
        const runs = await alternate(REPEATS, (side) => measure(side, dir, subscribers, DELTAS));
        const label = `${subscribers} subscriber${subscribers === 1 ? '' : 's'}`;
        const benchmark = 'sessions/throughput';
        const row = (
          metric: string,
          unit: string,
          better: 'higher' | 'lower',
          pick: (t: Throughput) => number,
          noiseFloor?: number,
        ) => rowOf(runs, { benchmark, metric: `${metric}, ${label}`, unit, better, noiseFloor }, pick);
        const throughput = row('events/s until all got the terminal', 'ev/s', 'higher', (t) => t.eventsPerSecond);
        log(`  ${label}: Navi ${Math.round(throughput.navi)} events/s, naive ${Math.round(throughput.naive)} events/s`);
        rows.push(
          throughput,
          row('messages delivered per subscriber', 'msgs', 'lower', (t) => t.messagesPerSubscriber),
          row('JSON framed per subscriber', 'KB', 'lower', (t) => t.kbPerSubscriber),
          // Coalescing's price: a delta waits up to one 33 ms interval before it is sent.
          row('delta-to-subscriber latency p50', 'ms', 'lower', (t) => t.latencyP50, 0.1),
          row('delta-to-subscriber latency p99', 'ms', 'lower', (t) => t.latencyP99, 0.1),
        );
      }
      return rows;
    });
  },
};
