import type { Agent, AgentEvent, AgentRunRequest } from '../../src/core/agent/types';

type Step = { kind: 'event'; event: AgentEvent } | { kind: 'end' } | { kind: 'fail'; error: unknown };

/** One run a test drives step by step: emit events, then complete or fail it. */
export class ControlledRun {
  private readonly steps: Step[] = [];
  private wake: (() => void) | undefined;
  /** Set when the agent saw its signal abort. */
  sawAbort = false;

  constructor(readonly request: AgentRunRequest) {
    request.signal.addEventListener('abort', () => {
      this.sawAbort = true;
      this.wake?.();
    });
  }

  private push(step: Step): void {
    this.steps.push(step);
    this.wake?.();
  }

  delta(text: string): void {
    this.push({ kind: 'event', event: { type: 'text-delta', text } });
  }

  event(event: AgentEvent): void {
    this.push({ kind: 'event', event });
  }

  complete(): void {
    this.push({ kind: 'end' });
  }

  fail(error: unknown): void {
    this.push({ kind: 'fail', error });
  }

  async *events(honourAbort: boolean): AsyncGenerator<AgentEvent> {
    for (;;) {
      if (honourAbort && this.request.signal.aborted) return;
      const step = this.steps.shift();
      if (!step) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      if (step.kind === 'end') return;
      if (step.kind === 'fail') throw step.error;
      yield step.event;
    }
  }
}

/** An agent whose runs the test controls; `honourAbort: false` plays an agent that ignores stop. */
export class ControlledAgent implements Agent {
  readonly runs: ControlledRun[] = [];

  constructor(private readonly options: { honourAbort?: boolean } = {}) {}

  run(request: AgentRunRequest): AsyncIterable<AgentEvent> {
    const run = new ControlledRun(request);
    this.runs.push(run);
    return run.events(this.options.honourAbort ?? true);
  }

  get last(): ControlledRun {
    const run = this.runs[this.runs.length - 1];
    if (!run) throw new Error('No run has started');
    return run;
  }
}

/** An agent that streams a fixed reply in chunks, yielding to the event loop between them. */
export function scriptedAgent(chunks: readonly string[]): Agent {
  return {
    async *run() {
      for (const text of chunks) {
        await new Promise((resolve) => setImmediate(resolve));
        yield { type: 'text-delta', text };
      }
    },
  };
}

/** Lets pending promise callbacks run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
