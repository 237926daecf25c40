import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeRatio, ratioOf } from './ratio';
import type { BenchRow } from './types';

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/**
 * Writes the rows (with their ratios) to bench/results/<ISO timestamp>.json and returns the path.
 * Colons in the timestamp become dashes so the name is valid on every file system.
 */
export function writeResults(rows: readonly BenchRow[], startedAt: Date, modules: readonly string[]): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${startedAt.toISOString().replace(/:/g, '-')}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
    },
    modules,
    note:
      'ratio > 1 means Navi is better; ratioIsLowerBound when Navi was within the noise floor; ' +
      'ratio null when it is not a finite number (Navi at 0 on a count, or not measurable)',
    rows: rows.map((row) => {
      const ratio = ratioOf(row);
      return {
        ...row,
        ratio: Number.isFinite(ratio.value) ? ratio.value : null,
        ratioIsLowerBound: ratio.lowerBound,
        ratioText: describeRatio(ratio),
      };
    }),
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
