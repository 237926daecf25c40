import { median } from './timing';
import type { Better, BenchRow } from './types';

export type SideName = 'navi' | 'naive';

/** Readings of both sides, several runs each. */
export type SideRuns<T> = Record<SideName, T[]>;

/**
 * Runs `measure` `repeats` times per side, alternating which side goes first (navi, naive, naive,
 * navi, …), so warm-up, caches and the machine's other load fall on both sides alike.
 */
export async function alternate<T>(repeats: number, measure: (side: SideName, run: number) => Promise<T>) {
  const runs: SideRuns<T> = { navi: [], naive: [] };
  for (let run = 0; run < repeats; run++) {
    const order: SideName[] = run % 2 === 0 ? ['navi', 'naive'] : ['naive', 'navi'];
    for (const side of order) runs[side].push(await measure(side, run));
  }
  return runs;
}

/** A row of medians over the runs, with every run's reading kept for the range. */
export function rowOf<T>(
  runs: SideRuns<T>,
  row: { benchmark: string; metric: string; unit: string; better: Better; noiseFloor?: number },
  pick: (reading: T) => number,
): BenchRow {
  const naviRuns = runs.navi.map(pick);
  const naiveRuns = runs.naive.map(pick);
  const { noiseFloor, ...rest } = row;
  return {
    ...rest,
    ...(noiseFloor === undefined ? {} : { noiseFloor }),
    navi: median(naviRuns),
    naive: median(naiveRuns),
    naviRuns,
    naiveRuns,
  };
}

/** The value below which a share `q` (0–1) of the samples lie (nearest rank). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A row of Navi's runs against a budget the design states (the ratio says how far within it). */
export function budgetRow(
  runs: readonly number[],
  row: { benchmark: string; metric: string; unit: string; better: Better; budget: number },
): BenchRow {
  const { budget, ...rest } = row;
  return { ...rest, navi: median(runs), naviRuns: runs, naive: budget, baseline: 'budget' };
}

/** A figure reported for the record, with nothing to compare it with (memory, sizes). */
export function statedRow(
  runs: readonly number[],
  row: { benchmark: string; metric: string; unit: string; better: Better },
): BenchRow {
  return { ...row, navi: median(runs), naviRuns: runs, naive: Number.NaN, baseline: 'stated' };
}
