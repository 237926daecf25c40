import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { alternate, rowOf } from '../lib/sides';
import { withTempDir } from '../lib/tempDir';
import type { BenchModule, BenchRow } from '../lib/types';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
/** How much longer each fsync takes on the simulated slow disk. */
const SLOW_FSYNC_MS = 40;
const RUNS = 2;

interface DiskResult {
  readonly longestBlockMs: number;
  readonly longestWriteMs: number;
  readonly fired: number;
  readonly latenessP50: number;
  readonly latenessP99: number;
}

/** Builds the LD_PRELOAD shim that slows fsync down; undefined (with a note) when there is no C compiler. */
async function buildSlowDisk(dir: string, log: (line: string) => void): Promise<string | undefined> {
  const library = join(dir, 'slowFsync.so');
  try {
    await run('cc', ['-shared', '-fPIC', '-O2', '-o', library, join(here, 'slowFsync.c'), '-ldl']);
    return library;
  } catch (error) {
    log(`  no C compiler to simulate a slow disk (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

async function side(mode: 'worker' | 'auto', dataDir: string, slowDisk: string | undefined): Promise<DiskResult> {
  mkdirSync(dataDir, { recursive: true });
  const env = slowDisk
    ? { ...process.env, LD_PRELOAD: slowDisk, NAVI_SLOW_FSYNC_MS: String(SLOW_FSYNC_MS) }
    : { ...process.env };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(here, 'worker.ts'), mode, dataDir], {
    cwd: root,
    env,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as DiskResult;
}

/**
 * Issue 17, part 2 (DESIGN.md "No event-loop block over 10 ms in the core during a long stream or a
 * burst of recalls"): a window follows a 3,000-token stream while 400 recalls fire within two
 * seconds, each storing a reply, on a disk whose fsync takes 40 ms longer. Navi checkpoints the WAL
 * on a worker thread; the baseline leaves SQLite's automatic checkpoint in the commits.
 */
export const diskStallBenchmark: BenchModule = {
  name: 'db/checkpoints',
  description: `a long stream and a burst of 400 recalls on a slow disk (+${SLOW_FSYNC_MS} ms per fsync): WAL checkpoints on a worker vs inside commits`,
  async run({ log }) {
    return withTempDir(async (dir) => {
      const slowDisk = await buildSlowDisk(dir, log);
      const rows: BenchRow[] = [];
      for (const disk of slowDisk ? (['slow', 'normal'] as const) : (['normal'] as const)) {
        const runs = await alternate(RUNS, (which, index) =>
          side(
            which === 'navi' ? 'worker' : 'auto',
            join(dir, `${disk}-${which}-${index}`),
            disk === 'slow' ? slowDisk : undefined,
          ),
        );
        const benchmark = `db/checkpoints (${disk === 'slow' ? `slow disk, +${SLOW_FSYNC_MS} ms fsync` : 'this disk'})`;
        const row = (metric: string, unit: string, pick: (result: DiskResult) => number, noiseFloor?: number) =>
          rowOf(runs, { benchmark, metric, unit, better: 'lower', noiseFloor }, pick);
        const block = row('longest event-loop block (budget 10 ms)', 'ms', (result) => result.longestBlockMs);
        log(`  ${disk} disk: Navi ${block.navi.toFixed(1)} ms, baseline ${block.naive.toFixed(1)} ms`);
        if (block.navi > 10) log(`  ✗ over budget: Navi blocked the event loop for ${block.navi.toFixed(1)} ms`);
        rows.push(
          block,
          row(
            'longest write on the event loop (commit with any checkpoint in it)',
            'ms',
            (result) => result.longestWriteMs,
          ),
          row('recall fire lateness p50', 'ms', (result) => result.latenessP50, 1),
          row('recall fire lateness p99', 'ms', (result) => result.latenessP99, 1),
          rowOf(
            runs,
            { benchmark, metric: 'recalls fired of 400', unit: '', better: 'higher' },
            (result) => result.fired,
          ),
        );
      }
      return rows;
    });
  },
};
