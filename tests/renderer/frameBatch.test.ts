import { describe, expect, it } from 'vitest';
import { FrameBatch, type Schedule } from '../../src/renderer/src/sync/frameBatch';

/** Frames that come only when the test says so. */
function manualFrames(): { schedule: Schedule; frame(): void; waiting(): number } {
  let callbacks: (() => void)[] = [];
  return {
    schedule: (callback) => {
      callbacks.push(callback);
      return () => {
        callbacks = callbacks.filter((other) => other !== callback);
      };
    },
    frame: () => {
      const due = callbacks;
      callbacks = [];
      for (const callback of due) callback();
    },
    waiting: () => callbacks.length,
  };
}

describe('FrameBatch', () => {
  it('hands over everything that arrived between frames at once, in order', () => {
    const frames = manualFrames();
    const delivered: number[][] = [];
    const batch = new FrameBatch<number>((items) => delivered.push([...items]), frames.schedule);
    for (let message = 0; message < 40; message++) batch.push(message * 2, message * 2 + 1);
    expect(delivered).toEqual([]);
    expect(frames.waiting()).toBe(1);
    frames.frame();
    expect(delivered).toEqual([Array.from({ length: 80 }, (_, index) => index)]);
    frames.frame();
    expect(delivered).toHaveLength(1);
    batch.push(80);
    frames.frame();
    expect(delivered).toEqual([expect.any(Array), [80]]);
  });

  it('drops what is waiting when cleared, and flushes on demand', () => {
    const frames = manualFrames();
    const delivered: string[][] = [];
    const batch = new FrameBatch<string>((items) => delivered.push([...items]), frames.schedule);
    batch.push('stale');
    batch.clear();
    expect(frames.waiting()).toBe(0);
    frames.frame();
    expect(delivered).toEqual([]);
    batch.push('now');
    batch.flush();
    expect(delivered).toEqual([['now']]);
    expect(batch.pending).toBe(0);
  });
});
