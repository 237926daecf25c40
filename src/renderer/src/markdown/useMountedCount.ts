import { useEffect, useState } from 'react';
import { nextFrame } from '../sync/frameBatch';

/**
 * Pieces of a message that settle together mount at most this many a frame. A page that fell
 * behind folds many deltas into one update, and mounting every piece that settled in them at once
 * made tasks of seconds; the rest follow on the next frames, in order.
 */
export const MAX_PIECES_PER_FRAME = 4;

/**
 * How many of `total` items to render now: all of those there at the first render, then at most
 * MAX_PIECES_PER_FRAME more than were rendered a frame ago as `total` grows (all at once if it shrinks).
 */
export function useMountedCount(total: number): number {
  const [mounted, setMounted] = useState(total);
  const shown = Math.min(total, mounted + MAX_PIECES_PER_FRAME);
  useEffect(() => {
    if (shown === mounted) return;
    return nextFrame(() => setMounted(shown));
  }, [shown, mounted]);
  return shown;
}
