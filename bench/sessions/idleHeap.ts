import { MB, requireGc, settledHeapUsed } from '../lib/heap';
import { alternate, rowOf } from '../lib/sides';
import { sleep } from '../lib/timing';
import { withTempDir } from '../lib/tempDir';
import type { BenchModule } from '../lib/types';
import { FramingSink, openSide, streamingAgent, type Side, type SideName } from './fixtures';

const SESSIONS = Number(process.env.NAVI_BENCH_SESSIONS ?? 10_000);
const WARM_UP_SESSIONS = 200;
const DELTAS_PER_RUN = 20;
/** Sessions in flight at once (each waits out at least one 33 ms coalescing interval on Navi). */
const CONCURRENCY = 200;
/** Heap deltas smaller than this (about 26 bytes per session) are GC noise, not retention. */
const HEAP_NOISE_MB = 0.25;
/** Runs per side, alternating. */
const RUNS = 2;

/** One short conversation: a window subscribes, a run streams a short reply, the window leaves. */
async function oneSession(side: Side): Promise<void> {
  const { orchestrator, store } = side;
  const session = store.createSession();
  const from = orchestrator.snapshot(session.id).seq + 1;
  const sink = new FramingSink(from);
  const subscription = orchestrator.subscribe(session.id, from, sink);
  const run = orchestrator.startRun(session.id, 'Check whether the deploy finished.');
  await run.done;
  await sink.terminal();
  subscription.dispose();
}

async function runSessions(side: Side, count: number): Promise<void> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started++;
      await oneSession(side);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
}

interface IdleHeap {
  readonly retainedMb: number;
  readonly liveSessions: number;
}

async function measure(side: SideName, dir: string): Promise<IdleHeap> {
  const agent = () => streamingAgent(DELTAS_PER_RUN);
  const measured = openSide(side, dir, agent);
  try {
    // Warm up on a throwaway instance so compiled code and caches are in "before", not in the delta.
    const warmUp = openSide(side, dir, agent);
    await runSessions(warmUp, WARM_UP_SESSIONS);
    await warmUp.close();
    const before = await settledHeapUsed();
    await runSessions(measured, SESSIONS);
    await sleep(100); // every coalescing timer has fired; the sessions are idle
    const after = await settledHeapUsed();
    return { retainedMb: (after - before) / MB, liveSessions: measured.orchestrator.liveSessionCount };
  } finally {
    await measured.close();
  }
}

export const idleHeapBenchmark: BenchModule = {
  name: 'sessions/idle-heap',
  description: `(c) heap retained after ${SESSIONS.toLocaleString('en-US')} sessions ran and went idle (the baseline frees idle sessions too)`,
  async run({ log }) {
    requireGc();
    return withTempDir(async (dir) => {
      const runs = await alternate(RUNS, (side) => measure(side, dir));
      const label = `${SESSIONS.toLocaleString('en-US')} idle sessions`;
      const benchmark = 'sessions/idle-heap';
      const heap = rowOf(
        runs,
        { benchmark, metric: `heap retained after ${label}`, unit: 'MB', better: 'lower', noiseFloor: HEAP_NOISE_MB },
        (run) => run.retainedMb,
      );
      const live = rowOf(
        runs,
        { benchmark, metric: `liveSessionCount after ${label}`, unit: '', better: 'lower' },
        (run) => run.liveSessions,
      );
      log(
        `  Navi ${heap.navi.toFixed(2)} MB / ${live.navi} live, naive ${heap.naive.toFixed(2)} MB / ${live.naive} live`,
      );
      return [heap, live];
    });
  },
};
