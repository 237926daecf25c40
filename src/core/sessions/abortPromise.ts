/**
 * A promise that rejects with the signal's reason when it aborts, and never settles otherwise.
 * One per run, raced against each step (a listener per step would cost more than the step).
 */
export function abortPromise(signal: AbortSignal): Promise<never> {
  const promise = new Promise<never>((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  promise.catch(() => {}); // observed by the race; never an unhandled rejection
  return promise;
}
