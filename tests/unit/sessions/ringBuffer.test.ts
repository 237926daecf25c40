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

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new SeqRingBuffer(0)).toThrow(/positive integer/);
  });
});
