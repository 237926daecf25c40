/**
 * Later turns of the event loop, handed out one per pass of the loop: the core's work that asks for
 * a turn of its own (a recall's fire, a run's next step) waits here in order, and each pass of
 * Node's loop (timers, I/O, then setImmediate's callbacks) runs at most one of them.
 *
 * Plain setImmediate does not give that: every callback queued before a pass's setImmediate phase
 * runs in that one phase, back to back, with no I/O between them. A burst of recalls whose runs each
 * ask for a few turns (see RunLifecycle.drive) would line them up so: one recall's fire, another's
 * agent events and a third's end in the same phase, as long as if nothing had asked for a turn.
 */

interface Waiting {
  readonly callback: () => void;
  /** Whether this wait keeps the process alive (a run's step does; the recall timer's does not). */
  readonly keepAlive: boolean;
  cancelled: boolean;
}

/** A place in the line, to cancel with `cancelTurn`. */
export type TurnHandle = { readonly __turn: unique symbol };

const line: Waiting[] = [];
let pass: NodeJS.Immediate | undefined;

function release(): void {
  pass = undefined;
  let next = line.shift();
  while (next?.cancelled) next = line.shift();
  // The next one's pass is asked for first: a callback that throws does not stop the line.
  schedule();
  next?.callback();
}

function schedule(): void {
  while (line[0]?.cancelled) line.shift();
  if (pass || line.length === 0) return;
  pass = setImmediate(release);
  if (!line.some((waiting) => waiting.keepAlive && !waiting.cancelled)) pass.unref();
}

/** Runs `callback` in a later pass of the event loop than this one, after those waiting before it. */
export function inLaterTurn(callback: () => void, options: { keepAlive?: boolean } = {}): TurnHandle {
  const waiting: Waiting = { callback, keepAlive: options.keepAlive ?? true, cancelled: false };
  line.push(waiting);
  if (waiting.keepAlive) pass?.ref();
  schedule();
  return waiting as unknown as TurnHandle;
}

export function cancelTurn(handle: TurnHandle): void {
  (handle as unknown as Waiting).cancelled = true;
}

/** Resolves in a later pass of the event loop, in line with the core's other turns (see above). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => inLaterTurn(resolve));
}
