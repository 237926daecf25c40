import { Worker } from 'node:worker_threads';
import type { Clock } from '../ports';

export interface OneShotWorkerOptions<Answer, Result> {
  /** The worker's program as source text, so it runs the same under tsx, in tests and in the bundle. */
  readonly source: string;
  readonly workerData: unknown;
  readonly maxOldGenerationSizeMb: number;
  /** The worker's one answer as the result; throws to refuse with that error. */
  readonly answer: (answer: Answer) => Result;
  /** What a crash of the worker (an error it did not catch, running out of memory) becomes. */
  readonly failed: (error: Error) => Error;
  /** What the worker stopping before it answered becomes. */
  readonly stoppedEarly: () => Error;
  /** Gives up on the worker after `ms` on `clock` with `error()`. */
  readonly timeout?: { readonly clock: Clock; readonly ms: number; readonly error: () => Error };
}

/**
 * Runs one job in a short-lived thread of its own, with a memory cap and (optionally) a time limit,
 * so work that takes seconds never stalls the event loop every window's messages go through. The
 * first of answer, crash, exit or timeout settles it; the thread is ended then.
 */
export function runOneShotWorker<Answer, Result>(options: OneShotWorkerOptions<Answer, Result>): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(options.source, {
      eval: true,
      workerData: options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb },
      stdout: true,
      stderr: true,
    });
    const { timeout } = options;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      if (timeout && timer !== undefined) timeout.clock.clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = timeout?.clock.setTimeout(() => settle(() => reject(timeout.error())), timeout.ms);
    worker.on('message', (answer: Answer) =>
      settle(() => {
        try {
          resolve(options.answer(answer));
        } catch (error) {
          reject(error);
        }
      }),
    );
    worker.on('error', (error) => settle(() => reject(options.failed(error))));
    worker.on('exit', () => settle(() => reject(options.stoppedEarly())));
  });
}
