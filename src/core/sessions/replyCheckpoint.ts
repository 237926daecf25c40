import type { Disposable } from '../../shared/rpc';
import type { Clock, Logger, TimerHandle } from '../ports';

/** How often, at most, a streaming reply's text so far is written to the database. */
export const CHECKPOINT_INTERVAL_MS = 2_000;

/**
 * Writes a streaming reply at most every `intervalMs` (the first change at once), so a crash or a
 * kill keeps the text so far; the stored copy says `interrupted` until the run stores its real end.
 * A failing write (a full disk) is logged once and tried again at the next change.
 */
export class ReplyCheckpoint implements Disposable {
  private lastWrite = Number.NEGATIVE_INFINITY;
  private timer: TimerHandle | undefined;
  private failing = false;
  private disposed = false;

  constructor(
    private readonly write: () => void,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalMs = CHECKPOINT_INTERVAL_MS,
  ) {}

  /** The reply grew. */
  changed(): void {
    if (this.disposed || this.timer !== undefined) return;
    const wait = Math.min(this.lastWrite + this.intervalMs - this.clock.now(), this.intervalMs);
    if (wait <= 0) this.flush();
    else
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, wait);
  }

  private flush(): void {
    if (this.disposed) return;
    this.lastWrite = this.clock.now();
    try {
      this.write();
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn('Could not checkpoint a streaming reply:', error);
      this.failing = true;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
