import { systemClock, type Clock, type TimerHandle } from '../ports';
import { ProviderTimeoutError } from '../providers/providerErrors';

/**
 * How long a provider may stay silent: before its first byte (`responseMs`, for one attempt; the
 * reply-wait setting bounds all attempts together), and between two chunks (`idleMs`).
 */
export interface StreamTimeouts {
  readonly responseMs: number;
  readonly idleMs: number;
}

// Generous first-byte wait: a local server may first have to load the model.
export const DEFAULT_STREAM_TIMEOUTS: StreamTimeouts = { responseMs: 120_000, idleMs: 60_000 };

/**
 * Aborts its signal with a `ProviderTimeoutError` when `touch()` is not called in time. The first wait
 * is `responseMs`; after the first touch every wait is `idleMs`. Runs on the given clock's timers.
 */
export class IdleWatchdog {
  private readonly controller = new AbortController();
  private timer: TimerHandle | undefined;
  private touched = false;

  constructor(
    private readonly timeouts: StreamTimeouts,
    private readonly clock: Clock = systemClock,
  ) {
    this.arm(timeouts.responseMs, 'response');
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get fired(): boolean {
    return this.controller.signal.aborted;
  }

  touch(): void {
    if (this.fired) return;
    this.touched = true;
    this.arm(this.timeouts.idleMs, 'idle');
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
  }

  private arm(ms: number, phase: 'response' | 'idle'): void {
    this.dispose();
    this.timer = this.clock.setTimeout(
      () => this.controller.abort(new ProviderTimeoutError(ms, this.touched ? 'idle' : phase)),
      ms,
    );
  }
}
