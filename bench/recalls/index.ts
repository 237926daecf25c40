import { execFile } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { alternate, quantile, rowOf } from '../lib/sides';
import { withTempDir } from '../lib/tempDir';
import type { BenchModule, BenchRow } from '../lib/types';
import { PENDING_RECALLS, seedRecalls, shiftWindow, TIMED_RECALLS } from './seed';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

interface SideResult {
  loadMs: number;
  rssMb: number;
  idleCpuMs: number;
  idleWakes: number;
  fired: number;
  p50: number;
  p99: number;
  /** Every fire's lateness, ms. */
  lateness: number[];
}

/**
 * Time for the worker to start, load (a timer per recall takes 13 s on a busy 2-core machine) and
 * sit idle (1 s settling + 31 s) before the firing window opens.
 */
const LEAD_MS = 60_000;
/** Runs per side, alternating; lateness percentiles pool every run's fires. */
const RUNS = 2;

async function side(mode: 'navi' | 'timers', file: string): Promise<SideResult> {
  const windowStart = Date.now() + LEAD_MS;
  shiftWindow(file, windowStart);
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(here, 'worker.ts'), mode, file, String(windowStart)],
    { cwd: root, maxBuffer: 16 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as SideResult;
}

export const recallSchedulerBenchmark: BenchModule = {
  name: 'recalls/scheduler',
  description: `${PENDING_RECALLS.toLocaleString('en-US')} pending recalls: one capped timer vs a timer per recall`,
  async run({ log }) {
    return withTempDir(async (dir) => {
      const seeded = join(dir, 'seeded.db');
      log(`  seeding ${PENDING_RECALLS.toLocaleString('en-US')} recalls…`);
      seedRecalls(seeded, Date.now() + LEAD_MS);
      log(`  ${RUNS} runs per side, about 95 s each: load, 31 s idle, a 30 s firing window`);
      const runs = await alternate(RUNS, async (which, index) => {
        const file = join(dir, `${which}-${index}.db`);
        copyFileSync(seeded, file);
        return side(which === 'navi' ? 'navi' : 'timers', file);
      });
      const benchmark = 'recalls/scheduler';
      const row = (metric: string, unit: string, pick: (result: SideResult) => number, noiseFloor?: number) =>
        rowOf(runs, { benchmark, metric, unit, better: 'lower', noiseFloor }, pick);
      const pooled = (which: 'navi' | 'naive', q: number): number =>
        quantile(
          runs[which].flatMap((result) => result.lateness),
          q,
        );
      const pooledRow = (q: number, label: string): BenchRow => ({
        benchmark,
        metric: `fire lateness ${label}, ${(TIMED_RECALLS * RUNS).toLocaleString('en-US')} fires per side (${RUNS} runs pooled)`,
        unit: 'ms',
        better: 'lower',
        navi: pooled('navi', q),
        naive: pooled('naive', q),
        naviRuns: runs.navi.map((result) => quantile(result.lateness, q)),
        naiveRuns: runs.naive.map((result) => quantile(result.lateness, q)),
        noiseFloor: 1,
      });
      return [
        row('start-up: load and arm', 'ms', (result) => result.loadMs),
        // The window outlasts Navi's 30 s timer cap, so its capped wake-up is inside it.
        rowOf(
          runs,
          { benchmark, metric: 'scheduler wake-ups in 31 s idle (nothing due)', unit: '', better: 'lower' },
          (result) => result.idleWakes,
        ),
        row('idle CPU over those 31 s', 'ms', (result) => result.idleCpuMs, 1),
        row('resident memory added by loading', 'MB', (result) => result.rssMb, 1),
        pooledRow(0.5, 'p50'),
        pooledRow(0.99, 'p99'),
        rowOf(
          runs,
          { benchmark, metric: `recalls fired of ${TIMED_RECALLS}`, unit: '', better: 'higher' },
          (result) => result.fired,
        ),
      ];
    });
  },
};
