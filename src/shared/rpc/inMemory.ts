import { Emitter } from './emitter';
import type { Transport, WireMessage } from './protocol';

/**
 * Two connected transports in one process. Messages are cloned and delivered on a later
 * microtask, as a real transport would, so tests see the same ordering and copying.
 */
export function createInMemoryPair(): [Transport, Transport] {
  const toA = new Emitter<unknown>();
  const toB = new Emitter<unknown>();
  const deliver = (target: Emitter<unknown>) => (message: WireMessage) => {
    const copy = structuredClone(message);
    queueMicrotask(() => target.fire(copy));
  };
  return [
    { send: deliver(toB), onMessage: toA.event },
    { send: deliver(toA), onMessage: toB.event },
  ];
}
