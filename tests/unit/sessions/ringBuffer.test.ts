import { describe, expect, it } from 'vitest';
import { SeqRingBuffer } from '../../../src/core/sessions/ringBuffer';

describe('SeqRingBuffer', () => {
  it('numbers items from the first seq and replays from any held seq', () => {
    const buffer = new SeqRingBuffer<string>(4, 10);
    expect(buffer.push('a')).toBe(10);
    buffer.push('b');
    buffer.push('c');
    expect([...buffer.from(11)]).toEqual(['b', 'c']);
    expect(buffer.oldestSeq).toBe(10);
    expect(buffer.lastSeq).toBe(12);
  });

  it('overwrites the oldest items when full and refuses replay from before them', () => {
    const buffer = new SeqRingBuffer<number>(3);
    for (let i = 1; i <= 10; i++) buffer.push(i);
    expect(buffer.size).toBe(3);
    expect(buffer.oldestSeq).toBe(8);
    expect([...buffer.from(8)]).toEqual([8, 9, 10]);
    expect([...buffer.from(10)]).toEqual([10]);
    expect([...buffer.from(11)]).toEqual([]);
    expect(buffer.canReplayFrom(7)).toBe(false);
    expect(buffer.canReplayFrom(8)).toBe(true);
    expect(buffer.canReplayFrom(11)).toBe(true);
    expect(buffer.canReplayFrom(12)).toBe(false);
  });

  it('replays the same across filling up and overwriting, whatever its capacity', () => {
    const small = new SeqRingBuffer<number>(5, 1);
    const seen: number[][] = [];
    for (let i = 1; i <= 12; i++) {
      small.push(i);
      seen.push([...small.from(small.oldestSeq)]);
    }
    expect(seen[3]).toEqual([1, 2, 3, 4]);
    expect(seen[4]).toEqual([1, 2, 3, 4, 5]);
    expect(seen[5]).toEqual([2, 3, 4, 5, 6]);
    expect(seen[11]).toEqual([8, 9, 10, 11, 12]);
    expect([...small.from(10)]).toEqual([10, 11, 12]);
    // A session's buffer is large; a recall's run puts a few events in it.
    const large = new SeqRingBuffer<string>(1_000_000, 40);
    large.push('run-started');
    large.push('text-delta');
    large.push('run-completed');
    expect([...large.from(41)]).toEqual(['text-delta', 'run-completed']);
    expect(large.canReplayFrom(39)).toBe(false);
    expect(large.canReplayFrom(40)).toBe(true);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new SeqRingBuffer(0)).toThrow(/positive integer/);
  });
});
