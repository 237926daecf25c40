import { describe, expect, it } from 'vitest';
import { cadenceNear, createTickingClock, type Cadence } from '../../../src/renderer/src/lib/tickingClock';
import { ManualClock } from '../../helpers/manualClock';

/** A whole minute (so second and minute boundaries line up as on a wall clock). */
const START = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);

function setup() {
  const manual = new ManualClock(START);
  const errors: unknown[] = [];
  const clock = createTickingClock(
    {
      now: () => manual.now(),
      setTimeout: (callback, ms) => manual.setTimeout(callback, ms),
      clearTimeout: (handle) => manual.clearTimeout(handle as never),
    },
    (error) => errors.push(error),
  );
  /** A watcher that records when it ticked. */
  const watch = (cadence: (now: number) => Cadence) => {
    const ticks: number[] = [];
    const handle = clock.watch(cadence, (now) => ticks.push(now));
    return { ticks, handle };
  };
  return { manual, clock, errors, watch };
}

describe('the page clock for relative times', () => {
  it('runs one timer for every label, waking each on its own second or minute only', () => {
    const { manual, watch } = setup();
    const minutes = watch(() => 'minute');
    const seconds = watch(() => 'second');
    const more = watch(() => 'minute');
    expect(manual.pendingTimers).toBe(1);
    manual.advance(500);
    expect(seconds.ticks).toEqual([]);
    manual.advance(120_000 - 500);
    expect(seconds.ticks).toHaveLength(120);
    expect(seconds.ticks[0]).toBe(START + 1_000);
    // On the minute, not every second.
    expect(minutes.ticks).toEqual([START + 60_000, START + 120_000]);
    expect(more.ticks).toEqual(minutes.ticks);
    expect(manual.pendingTimers).toBe(1);
  });

  it('a label counts seconds only while its time is near, and stops when it is gone', () => {
    const { manual, watch } = setup();
    const due = START + 5 * 60_000;
    const label = watch((now) => cadenceNear([due], now));
    manual.advance(4 * 60_000);
    // Minutes while the time is 2 minutes away or more; then seconds (in time for "in 44 seconds").
    expect(label.ticks).toEqual([START + 60_000, START + 120_000, START + 180_000, START + 240_000]);
    manual.advance(10_000);
    expect(label.ticks.slice(4)).toEqual(Array.from({ length: 10 }, (_, index) => START + 241_000 + index * 1_000));
    // Long past: back to minutes.
    manual.advance(10 * 60_000);
    const late = label.ticks.filter((at) => at > due + 3 * 60_000);
    expect(late.every((at) => at % 60_000 === 0)).toBe(true);
    label.handle.stop();
    expect(manual.pendingTimers).toBe(0);
  });

  it('retime speeds a label up at once when what it shows comes near', () => {
    const { manual, watch } = setup();
    let shown = START + 3_600_000;
    const label = watch((now) => cadenceNear([shown], now));
    manual.advance(5_000);
    shown = START + 30_000;
    label.handle.retime();
    manual.advance(1_000);
    expect(label.ticks).toEqual([START + 6_000]);
  });

  it('a label that throws is reported, and the others and the timer carry on', () => {
    const { manual, clock, errors, watch } = setup();
    clock.watch(
      () => 'second',
      () => {
        throw new Error('render failed');
      },
    );
    const other = watch(() => 'second');
    manual.advance(3_000);
    expect(other.ticks).toHaveLength(3);
    expect(errors).toHaveLength(3);
    expect(manual.pendingTimers).toBe(1);
  });
});
