/**
 * A ticking clock for relative times ("in 14 s", "2 minutes ago", "Today"): a single timer,
 * armed for the next second or minute that some shown time needs, waking only the labels that are
 * due. Labels near now tick each second; the rest each minute, on the minute.
 */

export type Cadence = 'second' | 'minute';

/** The timers the clock runs on (the page's own; tests give their own). */
export interface ClockTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TickingClock {
  now(): number;
  /**
   * Calls `onTick` with the time whenever the watcher's cadence comes round (asked again after each
   * tick, so a label can speed up as its time comes near).
   */
  watch(cadence: (now: number) => Cadence, onTick: (now: number) => void): ClockWatch;
  /** Ticks every watcher at once (the page was hidden, and its timers held back). */
  tickAll(): void;
  /** How many watchers there are (for tests and diagnostics). */
  readonly size: number;
}

export interface ClockWatch {
  /** Asks the watcher's cadence again now (what it shows changed). */
  retime(): void;
  stop(): void;
}

const STEP_MS: Readonly<Record<Cadence, number>> = { second: 1_000, minute: 60_000 };

/** The next whole second or minute after `now`. */
function nextBoundary(now: number, cadence: Cadence): number {
  const step = STEP_MS[cadence];
  return Math.floor(now / step) * step + step;
}

interface Watcher {
  readonly cadence: (now: number) => Cadence;
  readonly onTick: (now: number) => void;
  due: number;
}

export function createTickingClock(timers: ClockTimers, onError: (error: unknown) => void): TickingClock {
  const watchers = new Set<Watcher>();
  let timer: unknown;
  let armedFor = Number.POSITIVE_INFINITY;

  const dueOf = (watcher: Watcher, now: number): number => {
    try {
      return nextBoundary(now, watcher.cadence(now));
    } catch (error) {
      onError(error);
      return nextBoundary(now, 'minute');
    }
  };

  const arm = (): void => {
    let earliest = Number.POSITIVE_INFINITY;
    for (const watcher of watchers) earliest = Math.min(earliest, watcher.due);
    if (earliest === armedFor) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    armedFor = earliest;
    if (earliest === Number.POSITIVE_INFINITY) return;
    timer = timers.setTimeout(tick, Math.max(0, earliest - timers.now()));
  };

  const run = (watcher: Watcher, now: number): void => {
    try {
      watcher.onTick(now);
    } catch (error) {
      onError(error);
    }
    watcher.due = dueOf(watcher, now);
  };

  function tick(): void {
    timer = undefined;
    armedFor = Number.POSITIVE_INFINITY;
    const now = timers.now();
    for (const watcher of watchers) if (watcher.due <= now) run(watcher, now);
    arm();
  }

  return {
    now: () => timers.now(),
    watch: (cadence, onTick) => {
      const watcher: Watcher = { cadence, onTick, due: Number.POSITIVE_INFINITY };
      watcher.due = dueOf(watcher, timers.now());
      watchers.add(watcher);
      arm();
      return {
        retime: () => {
          if (!watchers.has(watcher)) return;
          watcher.due = dueOf(watcher, timers.now());
          arm();
        },
        stop: () => {
          watchers.delete(watcher);
          arm();
        },
      };
    },
    tickAll: () => {
      const now = timers.now();
      for (const watcher of watchers) run(watcher, now);
      arm();
    },
    get size() {
      return watchers.size;
    },
  };
}

/** Seconds while any of `times` is within two minutes of `now` (where "in 44 seconds" counts down), else minutes. */
export function cadenceNear(times: readonly (number | null | undefined)[], now: number): Cadence {
  return times.some((time) => typeof time === 'number' && Math.abs(time - now) < 2 * STEP_MS.minute)
    ? 'second'
    : 'minute';
}
