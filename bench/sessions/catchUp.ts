import { alternate, rowOf } from '../lib/sides';
import { StallProbe, median, now } from '../lib/timing';
import { withTempDir } from '../lib/tempDir';
import type { BenchModule, BenchRow } from '../lib/types';
import { FramingSink, GatedAgent, openSide, type SideName } from './fixtures';

const CAPACITY = 10_000;
/** Late subscribers timed one after another on the same full buffer (median reported). */
const REPEATS = 7;
/** Runs per side (each one full buffer, REPEATS late subscribers), sides alternating. */
const RUNS = 4;

interface CatchUp {
  readonly ms: number;
  readonly messages: number;
  readonly longestBlockMs: number;
}

/**
 * A run streams 10,000 deltas into a 10,000-event buffer and stays active; then a late window
 * subscribes from the oldest seq the buffer holds. Measures the time until it has everything, the
 * messages that took, and the longest the main thread was blocked meanwhile.
 */
async function measure(side: SideName, dir: string): Promise<CatchUp[]> {
  const agent = new GatedAgent(CAPACITY);
  const opened = openSide(side, dir, () => agent, { bufferCapacity: CAPACITY });
  try {
    const { orchestrator, store } = opened;
    const session = store.createSession();
    const atGate = agent.arm();
    const run = orchestrator.startRun(session.id, 'Write a very long reply.');
    await atGate;
    const last = orchestrator.snapshot(session.id).seq;
    const from = last - CAPACITY + 1;
    const results: CatchUp[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const sink = new FramingSink(from);
      const probe = new StallProbe();
      probe.start();
      const start = now();
      const subscription = orchestrator.subscribe(session.id, from, sink);
      await sink.reach(last);
      const ms = now() - start;
      const longestBlockMs = probe.stop();
      subscription.dispose();
      if (sink.reloaded) throw new Error(`${side}: the late subscriber was told to reload instead of replaying`);
      results.push({ ms, messages: sink.messages, longestBlockMs });
    }
    agent.open();
    await run.done;
    return results;
  } finally {
    await opened.close();
  }
}

export const catchUpBenchmark: BenchModule = {
  name: 'sessions/catch-up',
  description:
    '(b) a late subscriber catches up a full buffer of 10,000 events (the baseline sends the replay as one batch)',
  async run({ log }) {
    return withTempDir(async (dir) => {
      // The first late subscriber of each run doubles as warm-up; each run's reading is its median.
      const runs = await alternate(RUNS, async (side) => (await measure(side, dir)).slice(1));
      const row = (metric: string, unit: string, pick: (c: CatchUp) => number): BenchRow =>
        rowOf(runs, { benchmark: 'sessions/catch-up', metric, unit, better: 'lower' }, (run) => median(run.map(pick)));
      const time = row('time to catch up 10,000 events', 'ms', (c) => c.ms);
      log(`  Navi ${time.navi.toFixed(1)} ms, naive ${time.naive.toFixed(1)} ms`);
      return [
        time,
        row('messages to catch up', 'msgs', (c) => c.messages),
        row('longest main-thread block while catching up', 'ms', (c) => c.longestBlockMs),
      ];
    });
  },
};
