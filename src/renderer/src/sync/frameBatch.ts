/** Runs a callback soon; returns a function that cancels it. */
export type Schedule = (callback: () => void) => () => void;

/** A window hidden or minimised gets no animation frames: fold at least this often anyway. */
const HIDDEN_FALLBACK_MS = 250;

/** The next animation frame, or a timer when frames do not come (a hidden window). */
export const nextFrame: Schedule = (callback) => {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    window.cancelAnimationFrame(frame);
    window.clearTimeout(timer);
    callback();
  };
  const frame = window.requestAnimationFrame(run);
  const timer = window.setTimeout(run, HIDDEN_FALLBACK_MS);
  return () => {
    done = true;
    window.cancelAnimationFrame(frame);
    window.clearTimeout(timer);
  };
};

/**
 * Collects items as they arrive and hands them over together at most once per frame: however many
 * socket messages queued up while the page was busy, the page folds them and renders once, and the
 * states in between are never rendered.
 */
export class FrameBatch<T> {
  private items: T[] = [];
  private cancel: (() => void) | undefined;

  constructor(
    private readonly deliver: (items: readonly T[]) => void,
    private readonly schedule: Schedule = nextFrame,
  ) {}

  get pending(): number {
    return this.items.length;
  }

  push(...items: T[]): void {
    this.items.push(...items);
    this.cancel ??= this.schedule(() => this.flush());
  }

  /** Hands over what is waiting now (a no-op when nothing is). */
  flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.deliver(items);
  }

  /** Drops what is waiting (it went stale). */
  clear(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.items = [];
  }
}
