import { execFile } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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
  fired: number;
  p50: number;
  p99: number;
}

/** Time for the worker to start and load before its idle phase; the timed window opens after it. */
const LEAD_MS = 25_000;

async function side(mode: 'navi' | 'timers', file: string): Promise<SideResult> {
  const windowStart = Date.now() + LEAD_MS;
  shiftWindow(file, windowStart);
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(here, 'worker.ts'), mode, file, String(windowStart)],
    {
      cwd: root,
      maxBuffer: 1 << 20,
    },
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
      const naviFile = join(dir, 'navi.db');
      const timersFile = join(dir, 'timers.db');
      copyFileSync(seeded, naviFile);
      copyFileSync(seeded, timersFile);
      log('  Navi (about 90 s: load, 10 s idle, a one-minute firing window)…');
      const navi = await side('navi', naviFile);
      log('  a setTimeout per recall (about 90 s)…');
      const timers = await side('timers', timersFile);
      const name = 'recalls/scheduler';
      const rows: BenchRow[] = [
        {
          benchmark: name,
          metric: 'start-up: load and arm',
          unit: 'ms',
          better: 'lower',
          navi: navi.loadMs,
          naive: timers.loadMs,
        },
        {
          benchmark: name,
          metric: 'idle CPU over 10 s',
          unit: 'ms',
          better: 'lower',
          navi: navi.idleCpuMs,
          naive: timers.idleCpuMs,
          noiseFloor: 1,
        },
        {
          benchmark: name,
          metric: 'resident memory added by loading',
          unit: 'MB',
          better: 'lower',
          navi: navi.rssMb,
          naive: timers.rssMb,
          noiseFloor: 1,
        },
        {
          benchmark: name,
          metric: `fire lateness p50, ${TIMED_RECALLS} due within a minute`,
          unit: 'ms',
          better: 'lower',
          navi: navi.p50,
          naive: timers.p50,
          noiseFloor: 1,
        },
        {
          benchmark: name,
          metric: 'fire lateness p99',
          unit: 'ms',
          better: 'lower',
          navi: navi.p99,
          naive: timers.p99,
          noiseFloor: 1,
        },
        {
          benchmark: name,
          metric: `recalls fired of ${TIMED_RECALLS}`,
          unit: '',
          better: 'higher',
          navi: navi.fired,
          naive: timers.fired,
        },
      ];
      return rows;
    });
  },
};
