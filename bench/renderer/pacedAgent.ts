import type { Agent, AgentEvent } from '../../src/core/agent/types';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Streams `deltas` on a fixed schedule (delta i at start + i × interval), as a model would at a
 * steady rate; a late timer does not shift the rest of the schedule.
 */
export function pacedAgent(deltas: readonly string[], intervalMs: number): Agent {
  return {
    async *run(request): AsyncGenerator<AgentEvent> {
      const start = performance.now();
      for (const [index, text] of deltas.entries()) {
        if (request.signal.aborted) return;
        const wait = start + index * intervalMs - performance.now();
        if (wait > 0) await sleep(wait);
        yield { type: 'text-delta', text };
      }
    },
  };
}
