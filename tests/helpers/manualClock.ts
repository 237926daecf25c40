import type { Clock, TimerHandle } from '../../src/core/ports';

/**
 * A clock that moves only when the test says so; timers fire in order as it advances. Turns of the
 * event loop (`nextTurn`) wait in order: `runTurn` runs one without moving time, `advance` runs them
 * all, after the timers due at that instant and before the ones due later, as Node's loop would.
 */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private readonly turns = new Map<number, () => void>();
  /** Turns run so far (by `runTurn` or `advance`). */
  turnsRun = 0;

  constructor(start = 1_700_000_000_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), callback });
    return id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as unknown as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  nextTurn(callback: () => void): TimerHandle {
    const id = this.nextId++;
    this.turns.set(id, callback);
    return id as unknown as TimerHandle;
  }

  clearTurn(handle: TimerHandle): void {
    this.turns.delete(handle as unknown as number);
  }

  get pendingTurns(): number {
    return this.turns.size;
  }

  /** Runs the oldest waiting turn (and none that it asks for); false when none was waiting. */
  runTurn(): boolean {
    const first = this.turns.entries().next();
    if (first.done) return false;
    const [id, callback] = first.value;
    this.turns.delete(id);
    this.turnsRun++;
    callback();
    return true;
  }

  /**
   * Changes the wall clock without time passing for timers (they run on a monotonic clock): a
   * clock adjustment, or a machine that slept. Pending timers still fire after their remaining delay.
   */
  jump(deltaMs: number): void {
    this.current += deltaMs;
    for (const timer of this.timers.values()) timer.at += deltaMs;
  }

  /** Moves time forward, firing every timer that falls due on the way (including ones they set). */
  advance(ms: number): void {
    const target = this.current + ms;
    // Timers that keep re-arming at the same instant would spin here forever: a bug, said as one.
    let atSameInstant = 0;
    for (;;) {
      let dueId: number | undefined;
      let dueAt = Number.POSITIVE_INFINITY;
      for (const [id, timer] of this.timers) {
        if (timer.at <= target && timer.at < dueAt) {
          dueAt = timer.at;
          dueId = id;
        }
      }
      // As Node's event loop: the timers due now first, then the turns waiting, then time moves on.
      if (this.turns.size > 0 && (dueId === undefined || dueAt > this.current)) {
        if (++atSameInstant > 10_000) throw new Error('Turns keep asking for more turns at one instant (a busy loop)');
        this.runTurn();
        continue;
      }
      if (dueId === undefined) break;
      const timer = this.timers.get(dueId)!;
      this.timers.delete(dueId);
      atSameInstant = timer.at <= this.current ? atSameInstant + 1 : 0;
      if (atSameInstant > 10_000) throw new Error('Timers keep re-arming at the same instant (a busy loop)');
      this.current = Math.max(this.current, timer.at);
      timer.callback();
    }
    this.current = target;
  }
}
