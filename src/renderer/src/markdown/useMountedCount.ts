import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { nextFrame } from '../sync/frameBatch';

/** At least this many pieces that settled together mount a frame, however slow they were. */
export const MIN_PIECES_PER_FRAME = 4;
/** At most this many, however cheap they were (a burst still spreads over frames). */
export const MAX_PIECES_PER_FRAME = 16;
/** What a frame may spend rendering and committing newly settled pieces (ms). */
export const MOUNT_BUDGET_MS = 24;
/** The cost assumed for a piece before any was measured (ms). */
const FIRST_GUESS_MS = 2;

/**
 * How many settled pieces a frame puts in: as many as fit in MOUNT_BUDGET_MS at what pieces cost
 * lately (measured commit by commit), within [MIN_PIECES_PER_FRAME, MAX_PIECES_PER_FRAME].
 *
 * A fixed number a frame fell behind on a slow machine: its frames take long for reasons of their
 * own (layout, paint), so more pieces settle in a frame than a fixed number lets in, and the rest
 * waited (and with them the reply's end) for seconds. Measured, a frame takes what arrived since
 * the last one as long as that fits the budget, and a burst (a window that fell behind) still
 * spreads over several frames.
 */
export class MountBudget {
  private pieceMs = FIRST_GUESS_MS;

  /** Pieces the next frame may mount. */
  allowance(): number {
    const fit = Math.floor(MOUNT_BUDGET_MS / this.pieceMs);
    return Math.min(MAX_PIECES_PER_FRAME, Math.max(MIN_PIECES_PER_FRAME, fit));
  }

  /** `pieces` mounted in one commit that took `ms` from render to layout effects. */
  measured(pieces: number, ms: number): void {
    if (pieces <= 0 || !(ms >= 0)) return;
    const each = ms / pieces;
    // Mostly the newest reading: a machine that slowed down (or sped up) is believed within a few frames.
    this.pieceMs = Math.max(0.05, this.pieceMs * 0.5 + each * 0.5);
  }
}

/** What was shown, of how many items, when the last frame came. */
export interface MountBase {
  readonly shown: number;
  readonly total: number;
}

/**
 * How many of `total` items to show, given what was shown at the last frame: every item that
 * arrived since and, of items that were waiting already, `allowance` more (MAX_PIECES_PER_FRAME
 * in all at most).
 */
export function itemsToShow(base: MountBase, total: number, allowance: number): number {
  const arrived = Math.max(0, total - base.total);
  return Math.min(total, base.shown + Math.min(MAX_PIECES_PER_FRAME, arrived + allowance));
}

/**
 * How many of `total` items to render now: all of those there at the first render; then, as
 * `total` grows, every item that arrived since the last frame (a page that keeps up never makes
 * new items wait, however slow its frames are) and, of items already waiting, as many as the budget
 * allows, one more batch a frame (all at once if `total` shrinks).
 */
export function useMountedCount(total: number): number {
  const [budget] = useState(() => new MountBudget());
  // What was shown, of how many, when the last frame came.
  const [base, setBase] = useState<MountBase>({ shown: total, total });
  const shown = itemsToShow(base, total, budget.allowance());
  // Nothing waits: what arrives next counts from here (React's state-from-the-last-render pattern).
  if (shown === total && (base.total !== total || base.shown !== total)) setBase({ shown: total, total });
  const latest = useRef({ shown, total });
  const committed = useRef(total);
  // The render of new items starts here (their components render after this one, then commit).
  // eslint-disable-next-line react-hooks/purity -- a reading of the clock, for the commit's cost
  const now = performance.now();
  useLayoutEffect(() => {
    latest.current = { shown, total };
    const added = shown - committed.current;
    committed.current = shown;
    if (added > 0) budget.measured(added, performance.now() - now);
  }, [shown, total, budget, now]);
  // One frame at a time, not postponed by the renders in between (a delta a frame would keep moving it).
  const frame = useRef<(() => void) | undefined>(undefined);
  useEffect(() => {
    if (shown >= total || frame.current) return;
    frame.current = nextFrame(() => {
      frame.current = undefined;
      setBase(latest.current);
    });
  }, [shown, total]);
  useEffect(() => () => frame.current?.(), []);
  return shown;
}
