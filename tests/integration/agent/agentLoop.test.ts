import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../../src/core/tools/types';
import { reply, startOpenAiFixture, type FixtureServer } from '../../fixtures';
import { assistantMessage, collectRun, fixtureEnv, testCall, useHarness, userMessage } from './harness';

const harness = useHarness();
let fixture: FixtureServer;

beforeEach(async () => {
  fixture = await startOpenAiFixture({ apiKey: 'sk-test-key-0123456789', rejectUnknownModels: true });
});
afterEach(async () => {
  await fixture.close();
});

describe('agent loop over HTTP (OpenAI-compatible fixture, real AI SDK client)', () => {
  it('streams a reply as text deltas and sends the system prompt, history and key', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture) });
    fixture.script(reply.text('Hello there, friend.'));

    const outcome = await collectRun(runtime, { history: [userMessage('Hi!')] });

    expect(outcome.error).toBeUndefined();
    expect(outcome.events.filter((event) => event.type === 'text-delta').length).toBeGreaterThan(1);
    expect(outcome.text).toBe('Hello there, friend.');
    const [request] = fixture.chatRequests();
    expect(request!.headers.authorization).toBe('Bearer sk-test-key-0123456789');
    expect(request!.body.model).toBe('fixture-model');
    expect(request!.body.stream).toBe(true);
    expect(request!.body.messages[0]).toMatchObject({ role: 'system' });
    expect(request!.body.messages.at(-1)).toEqual({ role: 'user', content: 'Hi!' });
    expect(request!.body.tools.map((tool: { function: { name: string } }) => tool.function.name)).toContain(
      'current_time',
    );
  });

  it('runs a tool call and feeds its result back (round trip)', async () => {
    const now = Date.UTC(2025, 5, 3, 12, 0, 0);
    const { runtime } = harness({ env: fixtureEnv(fixture), now: () => now });
    fixture.script(
      reply.toolCalls([{ id: 'call_time', name: 'current_time', input: {} }], { text: 'Let me check. ' }),
      reply.text('It is 14:00 in Berlin.'),
    );

    const outcome = await collectRun(runtime, { history: [userMessage('What time is it?')] });

    expect(outcome.error).toBeUndefined();
    expect(outcome.events.map((event) => event.type)).toEqual([
      'status', // waiting for the first model call
      'text-delta',
      'text-delta',
      'text-delta',
      'tool-call',
      'usage',
      'tool-result',
      'status', // waiting for the second
      'text-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
    ]);
    expect(outcome.events.filter((event) => event.type === 'usage')).toEqual([
      { type: 'usage', model: 'fixture-model', usage: { inputTokens: 10, outputTokens: 5 } },
      { type: 'usage', model: 'fixture-model', usage: { inputTokens: 10, outputTokens: 5 } },
    ]);
    const result = outcome.events.find((event) => event.type === 'tool-result');
    expect(result).toMatchObject({
      toolCallId: 'call_time',
      toolName: 'current_time',
      isError: false,
      output: { iso: '2025-06-03T12:00:00.000Z', timeZone: 'Europe/Berlin', utcOffset: '+02:00' },
    });

    const second = fixture.chatRequests()[1]!.body.messages;
    expect(second.at(-2)).toMatchObject({
      role: 'assistant',
      content: 'Let me check. ',
      tool_calls: [{ id: 'call_time', type: 'function', function: { name: 'current_time', arguments: '{}' } }],
    });
    expect(second.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_time' });
    expect(JSON.parse(second.at(-1).content)).toMatchObject({ timeZone: 'Europe/Berlin' });
  });

  it('runs two tool calls of one step in parallel', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture) });
    // Each tool waits until both have started: run one after the other, the first would time out.
    let started = 0;
    let bothStarted!: () => void;
    const barrier = new Promise<void>((resolve) => (bothStarted = resolve));
    const spans: Record<string, { start: number; end: number }> = {};
    runtime.tools.register(
      defineTool({
        name: 'slow_lookup',
        description: 'Looks something up slowly',
        inputSchema: z.object({ key: z.string() }),
        execute: async ({ key }, context) => {
          const start = performance.now();
          if (++started === 2) bothStarted();
          await Promise.race([
            barrier,
            new Promise((_, reject) => setTimeout(() => reject(new Error('ran sequentially')), 2_000)),
          ]);
          spans[key] = { start, end: performance.now() };
          return { key, session: context.sessionId, recall: context.isRecall };
        },
      }),
    );
    fixture.script(
      reply.toolCalls([
        { id: 'call_a', name: 'slow_lookup', input: { key: 'a' } },
        { id: 'call_b', name: 'slow_lookup', input: { key: 'b' } },
      ]),
      reply.text('Both done.'),
    );

    const outcome = await collectRun(runtime, { history: [userMessage('Look up a and b')], origin: 'recall' });

    expect(outcome.error).toBeUndefined();
    const results = outcome.events.filter((event) => event.type === 'tool-result');
    expect(results).toHaveLength(2);
    for (const result of results)
      expect(result).toMatchObject({ isError: false, output: { session: 'session-1', recall: true } });
    // Overlap: each started before the other ended.
    expect(spans.a!.start).toBeLessThan(spans.b!.end);
    expect(spans.b!.start).toBeLessThan(spans.a!.end);
    // Both results went back in one tool round, in call order.
    const messages = fixture.chatRequests()[1]!.body.messages;
    expect(messages.slice(-2).map((message: { tool_call_id: string }) => message.tool_call_id)).toEqual([
      'call_a',
      'call_b',
    ]);
    // A recall run tells the model so.
    expect(messages[0].content).toMatch(/scheduled recall/);
  });

  it('gives the model an error result for a failing tool, an unknown tool and invalid input, and carries on', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture) });
    runtime.tools.register(
      defineTool({
        name: 'explode',
        description: 'Always fails',
        inputSchema: z.object({}),
        execute: () => {
          throw new Error('The disk is full');
        },
      }),
    );
    fixture.script(
      reply.toolCalls([
        { id: 'c1', name: 'explode', input: {} },
        { id: 'c2', name: 'no_such_tool', input: {} },
        { id: 'c3', name: 'current_time', input: { timeZone: 42 } },
      ]),
      reply.text('Sorry, that did not work.'),
    );

    const outcome = await collectRun(runtime, { history: [userMessage('Do it')] });

    expect(outcome.error).toBeUndefined();
    const results = Object.fromEntries(
      outcome.events.flatMap((event) => (event.type === 'tool-result' ? [[event.toolCallId, event]] : [])),
    );
    expect(results.c1).toMatchObject({ isError: true, output: 'The disk is full' });
    expect(results.c2).toMatchObject({ isError: true, output: expect.stringMatching(/no_such_tool/) });
    expect(results.c3).toMatchObject({ isError: true, output: expect.stringMatching(/current_time/) });
    expect(outcome.text).toBe('Sorry, that did not work.');
  });

  it('stops with a readable max-iterations error when the model keeps calling tools', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture) });
    await runtime.settings.updateGeneral({ maxIterations: 3 }, testCall());
    fixture.setDefaultReply(() => reply.toolCalls([{ name: 'current_time', input: {} }]));

    const outcome = await collectRun(runtime, { history: [userMessage('Loop forever')] });

    expect(outcome.error).toMatchObject({ name: 'AgentError', kind: 'max_iterations' });
    expect((outcome.error as Error).message).toMatch(/Stopped after 3 model calls.*Max steps/);
    expect(fixture.chatRequests()).toHaveLength(3);
    expect(outcome.events.filter((event) => event.type === 'tool-result')).toHaveLength(3);
  });

  it('sends earlier tool use from the history, skips error parts and answers interrupted calls', async () => {
    const { runtime } = harness({ env: fixtureEnv(fixture) });
    fixture.script(reply.text('Sure.'));
    const history = [
      userMessage('What time is it?'),
      assistantMessage([
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', toolCallId: 'old_1', toolName: 'current_time', input: {} },
        { type: 'tool-result', toolCallId: 'old_1', toolName: 'current_time', output: { iso: 'x' }, isError: false },
        { type: 'text', text: 'It is x.' },
        { type: 'tool-call', toolCallId: 'old_2', toolName: 'current_time', input: {} },
        { type: 'error', message: 'Stopped' },
      ]),
      userMessage('Thanks'),
    ];

    const outcome = await collectRun(runtime, { history });

    expect(outcome.error).toBeUndefined();
    const messages = fixture.chatRequests()[0]!.body.messages.slice(1);
    expect(messages).toMatchObject([
      { role: 'user', content: 'What time is it?' },
      { role: 'assistant', content: 'Checking.', tool_calls: [{ id: 'old_1' }] },
      { role: 'tool', tool_call_id: 'old_1', content: '{"iso":"x"}' },
      { role: 'assistant', content: 'It is x.', tool_calls: [{ id: 'old_2' }] },
      { role: 'tool', tool_call_id: 'old_2', content: expect.stringMatching(/interrupted/) },
      { role: 'user', content: 'Thanks' },
    ]);
    expect(JSON.stringify(messages)).not.toContain('Stopped');
  });
});
