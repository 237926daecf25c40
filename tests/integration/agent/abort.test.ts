import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentEvent } from '../../../src/core/agent/types';
import { defineTool } from '../../../src/core/tools/types';
import { reply, startOpenAiFixture, type FixtureServer } from '../../fixtures';
import { fixtureEnv, useHarness, userMessage } from './harness';

const harness = useHarness();
let fixture: FixtureServer;

beforeEach(async () => {
  fixture = await startOpenAiFixture();
});
afterEach(async () => {
  await fixture.close();
});

/** Runs until `stopWhen` sees an event, then aborts; reports what happened and how long ending took. */
async function runAndStop(
  run: AsyncIterable<AgentEvent>,
  controller: AbortController,
  stopWhen: (event: AgentEvent) => boolean,
): Promise<{ events: AgentEvent[]; error: unknown; endMs: number }> {
  const events: AgentEvent[] = [];
  let stoppedAt = 0;
  let error: unknown;
  try {
    for await (const event of run) {
      events.push(event);
      if (stoppedAt === 0 && stopWhen(event)) {
        stoppedAt = performance.now();
        controller.abort();
      }
    }
  } catch (caught) {
    error = caught;
  }
  return { events, error, endMs: performance.now() - stoppedAt };
}

describe('stopping a run', () => {
  it('aborts the HTTP request mid-stream and ends promptly', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture), timeouts: { responseMs: 30_000, idleMs: 30_000 } });
    fixture.script(reply.text(['Partial ', 'answer ', 'never finished'], { hangAfterChunks: 3 }));
    const controller = new AbortController();
    const run = runtime.agent.run({
      sessionId: 's',
      runId: 'r',
      origin: 'user',
      history: [userMessage('Tell me a long story')],
      signal: controller.signal,
    });

    const outcome = await runAndStop(
      run,
      controller,
      (event) => event.type === 'text-delta' && event.text === 'answer ',
    );

    expect(outcome.events.filter((event) => event.type === 'text-delta')).toEqual([
      { type: 'text-delta', text: 'Partial ' },
      { type: 'text-delta', text: 'answer ' },
    ]);
    expect(controller.signal.aborted).toBe(true);
    expect((outcome.error as Error).name).toBe('AbortError');
    expect(outcome.endMs).toBeLessThan(500);
    const [request] = fixture.chatRequests();
    await request!.done;
    expect(request!.aborted).toBe(true);
  });

  it('aborts the request while waiting for the first byte', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture), timeouts: { responseMs: 30_000, idleMs: 30_000 } });
    fixture.script(reply.hang());
    const controller = new AbortController();
    const run = runtime.agent.run({
      sessionId: 's',
      runId: 'r',
      origin: 'user',
      history: [userMessage('Hi')],
      signal: controller.signal,
    });
    // Stop once the server holds the request and has sent nothing back.
    void fixture.waitForChatRequests(1, 15_000).then(() => controller.abort());

    const outcome = await runAndStop(run, controller, () => false);

    expect((outcome.error as Error).name).toBe('AbortError');
    const [request] = fixture.chatRequests();
    await request!.done;
    expect(request!.aborted).toBe(true);
    expect(fixture.chatRequests()).toHaveLength(1); // an abort is never retried
  });

  it('aborts running tools through their signal, and does not wait for tools that ignore it', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture) });
    const controller = new AbortController();
    const seen: { aborted?: boolean; stoppedAt?: number } = {};
    runtime.tools.register(
      defineTool({
        name: 'wait_for_abort',
        description: 'Waits until aborted',
        inputSchema: z.object({}),
        execute: (_input, context) =>
          new Promise((_, reject) => {
            context.signal.addEventListener('abort', () => {
              seen.aborted = true;
              reject(context.signal.reason);
            });
            // Press stop while both tools are running.
            setTimeout(() => {
              seen.stoppedAt = performance.now();
              controller.abort();
            }, 50);
          }),
      }),
    );
    runtime.tools.register(
      defineTool({
        name: 'stubborn',
        description: 'Ignores aborts',
        inputSchema: z.object({}),
        execute: () => new Promise((resolve) => setTimeout(resolve, 5_000)),
      }),
    );
    fixture.script(
      reply.toolCalls([
        { id: 'a', name: 'wait_for_abort', input: {} },
        { id: 'b', name: 'stubborn', input: {} },
      ]),
    );
    const run = runtime.agent.run({
      sessionId: 's',
      runId: 'r',
      origin: 'user',
      history: [userMessage('Use the tools')],
      signal: controller.signal,
    });

    const outcome = await runAndStop(run, controller, () => false);

    expect((outcome.error as Error).name).toBe('AbortError');
    expect(performance.now() - seen.stoppedAt!).toBeLessThan(500);
    expect(seen.aborted).toBe(true);
    expect(outcome.events.some((event) => event.type === 'tool-result')).toBe(false);
    expect(fixture.chatRequests()).toHaveLength(1);
  });

  it('closes the HTTP request when the consumer stops reading', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture), timeouts: { responseMs: 30_000, idleMs: 30_000 } });
    fixture.script(reply.text(['one ', 'two'], { hangAfterChunks: 2 }));
    const run = runtime.agent.run({
      sessionId: 's',
      runId: 'r',
      origin: 'user',
      history: [userMessage('Hi')],
      signal: new AbortController().signal,
    });
    for await (const event of run) {
      if (event.type === 'status') continue; // "waiting for the model"
      expect(event).toEqual({ type: 'text-delta', text: 'one ' });
      break;
    }
    const [request] = fixture.chatRequests();
    await request!.done;
    expect(request!.aborted).toBe(true);
  });
});
