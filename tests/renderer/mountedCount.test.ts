import { describe, expect, it } from 'vitest';
import {
  itemsToShow,
  MAX_PIECES_PER_FRAME,
  MIN_PIECES_PER_FRAME,
  MOUNT_BUDGET_MS,
  MountBudget,
  type MountBase,
} from '../../src/renderer/src/markdown/useMountedCount';

/**
 * The rule useMountedCount follows, frame by frame: a render with the total it has (the frame's
 * fold of deltas), then the frame's tick, which moves the base on while items wait.
 */
function frames(start: number, arrivals: readonly number[], allowance: number): { total: number; shown: number }[] {
  let base: MountBase = { shown: start, total: start };
  let total = start;
  const seen: { total: number; shown: number }[] = [];
  for (const arrived of arrivals) {
    total += arrived;
    const shown = itemsToShow(base, total, allowance);
    // Nothing waits: the next arrivals count from here.
    if (shown === total) base = { shown, total };
    seen.push({ total, shown });
    // The frame's tick.
    base = { shown, total };
  }
  return seen;
}

describe('pieces mounted a frame (useMountedCount)', () => {
  it('shows every piece that settled since the last frame in that frame, however slow frames are', () => {
    // A slow page (4x throttled) folds several deltas a frame: ten pieces settle in each.
    const seen = frames(
      0,
      Array.from({ length: 60 }, () => 10),
      MIN_PIECES_PER_FRAME,
    );
    // A fixed MIN_PIECES_PER_FRAME a frame left 6 more waiting each frame (360 at the end).
    for (const { total, shown } of seen) expect(shown).toBe(total);
  });

  it('spreads a burst over frames: at most MAX_PIECES_PER_FRAME at once, then the allowance a frame', () => {
    const seen = frames(5, [200, 0, 0, 0, 0], 10);
    expect(seen.map((frame) => frame.shown)).toEqual([
      5 + MAX_PIECES_PER_FRAME,
      5 + MAX_PIECES_PER_FRAME + 10,
      5 + MAX_PIECES_PER_FRAME + 20,
      5 + MAX_PIECES_PER_FRAME + 30,
      5 + MAX_PIECES_PER_FRAME + 40,
    ]);
  });

  it('keeps a backlog from growing while pieces keep arriving, and drains it', () => {
    const seen = frames(0, [100, ...Array.from({ length: 11 }, () => 3)], 8);
    const waiting = seen.map(({ total, shown }) => total - shown);
    expect(waiting[0]).toBe(100 - MAX_PIECES_PER_FRAME);
    // Each frame takes what arrived and eight of those waiting.
    for (let at = 1; at < waiting.length; at++) expect(waiting[at]).toBe(Math.max(0, waiting[at - 1]! - 8));
    expect(waiting.at(-1)).toBe(0);
  });

  it('shows everything at once when the total shrinks', () => {
    expect(itemsToShow({ shown: 30, total: 50 }, 12, MIN_PIECES_PER_FRAME)).toBe(12);
  });
});

describe('MountBudget', () => {
  it('lets in as many waiting pieces as fit in the budget at what pieces cost lately', () => {
    const budget = new MountBudget();
    for (let commit = 0; commit < 10; commit++) budget.measured(6, 24); // 4 ms a piece
    expect(budget.allowance()).toBe(MOUNT_BUDGET_MS / 4);
    for (let commit = 0; commit < 10; commit++) budget.measured(4, 80); // 20 ms a piece
    expect(budget.allowance()).toBe(MIN_PIECES_PER_FRAME);
    for (let commit = 0; commit < 20; commit++) budget.measured(10, 0.5);
    expect(budget.allowance()).toBe(MAX_PIECES_PER_FRAME);
  });

  it('ignores commits that mounted nothing', () => {
    const budget = new MountBudget();
    const before = budget.allowance();
    budget.measured(0, 500);
    expect(budget.allowance()).toBe(before);
  });
});
