import type { ToolOutcome } from '../tools/types';
import { raceAbort } from '../abort';

export interface CompletedToolCall<CALL, OUTCOME extends ToolOutcome = ToolOutcome> {
  readonly call: CALL;
  readonly index: number;
  readonly outcome: OUTCOME;
}

/**
 * Starts every call at once and yields each outcome as it finishes (so a slow tool does not hold
 * back a fast one's result). Ends promptly when `signal` aborts, without waiting for tools that
 * ignore it.
 */
export async function* executeToolCalls<CALL, OUTCOME extends ToolOutcome = ToolOutcome>(
  calls: readonly CALL[],
  run: (call: CALL) => Promise<OUTCOME>,
  signal: AbortSignal,
): AsyncGenerator<CompletedToolCall<CALL, OUTCOME>> {
  const pending = new Map<number, Promise<CompletedToolCall<CALL, OUTCOME>>>();
  calls.forEach((call, index) => {
    pending.set(
      index,
      run(call).then((outcome) => ({ call, index, outcome })),
    );
  });
  // Late rejections of calls we stopped waiting for must not become unhandled rejections.
  for (const promise of pending.values()) promise.catch(() => {});
  while (pending.size > 0) {
    const done = await raceAbort(Promise.race(pending.values()), signal);
    pending.delete(done.index);
    yield done;
  }
}
