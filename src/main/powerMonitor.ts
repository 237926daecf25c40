import type { PowerMonitor } from '../core/ports';
import { Emitter } from '../shared/rpc';

/** The slice of Electron's powerMonitor this module uses. */
export interface PowerEventsLike {
  on(event: 'suspend' | 'resume', listener: () => void): unknown;
  removeListener(event: 'suspend' | 'resume', listener: () => void): unknown;
}

export interface PowerMonitorOptions {
  readonly events: PowerEventsLike;
  /** Wall clock and a monotonic clock: a gap between them means the machine slept or the clock moved. */
  readonly wallNow: () => number;
  readonly monotonicNow: () => number;
  readonly setInterval: (callback: () => void, ms: number) => unknown;
  readonly clearInterval: (handle: unknown) => void;
  readonly checkEveryMs?: number;
  readonly toleranceMs?: number;
}

/**
 * Feeds the scheduler's Power port from powerMonitor, plus a periodic wall-clock check because
 * resume events are not always delivered (some Linux desktops, clock changes).
 */
export function createPowerMonitor(options: PowerMonitorOptions): PowerMonitor & { dispose(): void } {
  const suspend = new Emitter<void>();
  const resume = new Emitter<void>();
  const onSuspend = (): void => suspend.fire();
  const onResume = (): void => resume.fire();
  options.events.on('suspend', onSuspend);
  options.events.on('resume', onResume);

  const every = options.checkEveryMs ?? 15_000;
  const tolerance = options.toleranceMs ?? 5_000;
  let lastWall = options.wallNow();
  let lastMonotonic = options.monotonicNow();
  const timer = options.setInterval(() => {
    const wall = options.wallNow();
    const monotonic = options.monotonicNow();
    const drift = wall - lastWall - (monotonic - lastMonotonic);
    lastWall = wall;
    lastMonotonic = monotonic;
    if (Math.abs(drift) > tolerance) resume.fire();
  }, every);

  return {
    onSuspend: (listener) => suspend.event(listener),
    onResume: (listener) => resume.event(listener),
    dispose: () => {
      options.clearInterval(timer);
      options.events.removeListener('suspend', onSuspend);
      options.events.removeListener('resume', onResume);
      suspend.dispose();
      resume.dispose();
    },
  };
}
