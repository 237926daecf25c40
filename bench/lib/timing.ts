import { performance } from 'node:perf_hooks';
import { setImmediate as nextMacrotask } from 'node:timers/promises';

export const now = (): number => performance.now();

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Resolves after the event loop has gone round `rounds` times (pending I/O and immediates ran). */
export async function turns(rounds = 1): Promise<void> {
  for (let i = 0; i < rounds; i++) await nextMacrotask();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Measures the longest time the main thread was blocked between two event-loop turns while it
 * runs: a chain of immediates notes the gap between consecutive turns. It keeps the loop busy, so
 * use it around a measurement on both sides alike.
 */
export class StallProbe {
  private last = 0;
  private longest = 0;
  private running = false;
  private handle: NodeJS.Immediate | undefined;

  start(): void {
    this.running = true;
    this.last = now();
    this.longest = 0;
    const tick = (): void => {
      const at = now();
      this.longest = Math.max(this.longest, at - this.last);
      this.last = at;
      if (this.running) this.handle = setImmediate(tick);
    };
    this.handle = setImmediate(tick);
  }

  /** Stops and returns the longest block in milliseconds (including the one still open). */
  stop(): number {
    this.running = false;
    if (this.handle) clearImmediate(this.handle);
    return Math.max(this.longest, now() - this.last);
  }
}
