import { systemClock, type Clock } from './ports';

/** The error an aborted signal carries (a DOMException `AbortError` unless a reason was given). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts (the work itself is not awaited then). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms` on `clock`'s timers, or rejects when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal, clock: Clock = systemClock): Promise<void> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Awaits the steps of long-running work (an agent's stream) so that each rejects as soon as
 * `signal` aborts, even when the work ignores the signal: one abort listener serves every step, and
 * nothing is left behind per step (racing one never-settling promise instead would leave a
 * reaction on it per step, retained until the run ends).
 */
export class AbortableSteps {
  private rejectCurrent: ((reason: unknown) => void) | undefined;
  private readonly onAbort = (): void => this.rejectCurrent?.(abortReason(this.signal));

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  next<T>(step: Promise<T>): Promise<T> {
    if (this.signal.aborted) {
      step.catch(() => {}); // abandoned: its failure is not ours to report
      return Promise.reject(abortReason(this.signal));
    }
    return new Promise<T>((resolve, reject) => {
      this.rejectCurrent = reject;
      step.then(resolve, reject);
    });
  }

  dispose(): void {
    this.signal.removeEventListener('abort', this.onAbort);
    this.rejectCurrent = undefined;
  }
}
