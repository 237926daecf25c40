import { turns } from './timing';

/** `global.gc`, present only under `node --expose-gc` (how `npm run bench` starts). */
export function requireGc(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') {
    throw new Error('Heap benchmarks need global.gc: run them with `node --expose-gc` (npm run bench does).');
  }
  return gc;
}

/**
 * Heap in use after garbage collection has settled: collects, lets pending callbacks and
 * finalizers run, and repeats until two readings agree (or a few rounds have passed).
 */
export async function settledHeapUsed(): Promise<number> {
  const gc = requireGc();
  let previous = Number.NaN;
  for (let round = 0; round < 6; round++) {
    await turns(3);
    gc();
    gc();
    const used = process.memoryUsage().heapUsed;
    if (Math.abs(used - previous) < 64 * 1024) return used;
    previous = used;
  }
  return previous;
}

export const MB = 1024 * 1024;
