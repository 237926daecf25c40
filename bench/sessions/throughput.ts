import { median, now } from '../lib/timing';
import { withTempDir } from '../lib/tempDir';
import type { BenchModule, BenchRow } from '../lib/types';
import { FramingSink, openSide, streamingAgent, type SideName } from './fixtures';

/** Deltas per measured run. */
const DELTAS = Number(process.env.NAVI_BENCH_DELTAS ?? 20_000);
const SUBSCRIBER_COUNTS = [1, 10, 100] as const;
/** Measured runs per side and subscriber count (median reported), sides alternating who goes first. */
const REPEATS = 3;

interface Throughput {
  readonly eventsPerSecond: number;
  readonly messagesPerSubscriber: number;
  readonly kbPerSubscriber: number;
}

/** One run of `deltas` text deltas, watched by `subscribers` windows from its first event. */
async function measure(side: SideName, dir: string, subscribers: number, deltas: number): Promise<Throughput> {
  const opened = openSide(side, dir, () => streamingAgent(deltas));
  try {
    const { orchestrator, store } = opened;
    const session = store.createSession();
    const from = orchestrator.snapshot(session.id).seq + 1;
    const sinks = Array.from({ length: subscribers }, () => new FramingSink(from));
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
    return {
      eventsPerSecond: events / seconds,
      messagesPerSubscriber: total((sink) => sink.messages),
      kbPerSubscriber: total((sink) => sink.bytes) / 1024,
    };
  } finally {
    await opened.close();
  }
}

export const throughputBenchmark: BenchModule = {
  name: 'sessions/throughput',
  description: `(a) ${DELTAS.toLocaleString('en-US')} text deltas streamed to 1, 10 and 100 subscribers`,
  async run({ log }) {
    return withTempDir(async (dir) => {
      // Warm both sides up (JIT, SQLite statements) before anything is timed.
      for (const side of ['navi', 'naive'] as const) await measure(side, dir, 10, 2_000);
      const rows: BenchRow[] = [];
      for (const subscribers of SUBSCRIBER_COUNTS) {
        const results: Record<SideName, Throughput[]> = { navi: [], naive: [] };
        for (let repeat = 0; repeat < REPEATS; repeat++) {
          const order: SideName[] = repeat % 2 === 0 ? ['navi', 'naive'] : ['naive', 'navi'];
          for (const side of order) results[side].push(await measure(side, dir, subscribers, DELTAS));
        }
        const mid = (side: SideName, pick: (t: Throughput) => number): number => median(results[side].map(pick));
        log(
          `  ${subscribers} subscriber(s): Navi ${Math.round(mid('navi', (t) => t.eventsPerSecond))} events/s, ` +
            `naive ${Math.round(mid('naive', (t) => t.eventsPerSecond))} events/s`,
        );
        const label = `${subscribers} subscriber${subscribers === 1 ? '' : 's'}`;
        const row = (metric: string, unit: string, better: 'higher' | 'lower', pick: (t: Throughput) => number) =>
          ({
            benchmark: 'sessions/throughput',
            metric: `${metric}, ${label}`,
            unit,
            better,
            navi: mid('navi', pick),
            naive: mid('naive', pick),
          }) satisfies BenchRow;
        rows.push(
          row('events/s until all got the terminal', 'ev/s', 'higher', (t) => t.eventsPerSecond),
          row('messages delivered per subscriber', 'msgs', 'lower', (t) => t.messagesPerSubscriber),
          row('JSON framed per subscriber', 'KB', 'lower', (t) => t.kbPerSubscriber),
        );
      }
      return rows;
    });
  },
};
