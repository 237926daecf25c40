import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply, startAnthropicFixture, type FixtureServer } from '../../fixtures';
import { collectRun, testCall, useHarness, userMessage } from './harness';

const harness = useHarness();
const call = testCall();
let fixture: FixtureServer;

beforeEach(async () => {
  fixture = await startAnthropicFixture({ apiKey: 'sk-ant-test', models: ['claude-sonnet-4-5', 'claude-small'] });
});
afterEach(async () => {
  await fixture.close();
});

const env = () => ({
  ANTHROPIC_API_KEY: 'sk-ant-test',
  ANTHROPIC_BASE_URL: fixture.baseURL,
  NAVI_MODEL: 'claude-sonnet-4-5',
});

describe('Anthropic through the real @ai-sdk/anthropic client', () => {
  it('streams text and runs a tool round trip in the Messages format', async () => {
    const { runtime } = harness({ env: env(), now: () => Date.UTC(2025, 0, 15, 8, 30) });
    fixture.script(
      reply.toolCalls([{ id: 'toolu_time', name: 'current_time', input: { timeZone: 'Asia/Tokyo' } }], {
        text: 'Checking. ',
      }),
      reply.text('It is 17:30 in Tokyo.'),
    );

    const outcome = await collectRun(runtime, { history: [userMessage('Time in Tokyo?')] });

    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe('Checking. It is 17:30 in Tokyo.');
    expect(outcome.events.find((event) => event.type === 'tool-result')).toMatchObject({
      toolCallId: 'toolu_time',
      isError: false,
      output: { timeZone: 'Asia/Tokyo', utcOffset: '+09:00', isUserTimeZone: false },
    });
    const [first, second] = fixture.chatRequests();
    expect(first!.headers['x-api-key']).toBe('sk-ant-test');
    expect(first!.headers['anthropic-version']).toBe('2023-06-01');
    expect(first!.body).toMatchObject({ model: 'claude-sonnet-4-5', stream: true });
    expect(JSON.stringify(first!.body.system)).toMatch(/You are Navi/);
    expect(second!.body.messages.slice(-2)).toMatchObject([
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking. ' },
          { type: 'tool_use', id: 'toolu_time', name: 'current_time', input: { timeZone: 'Asia/Tokyo' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_time' }] },
    ]);
  });

  it('explains a rejected key and retries an overloaded API (529)', async () => {
    const { runtime } = harness({ env: env() });
    fixture.script(reply.error(401, 'invalid x-api-key', { type: 'authentication_error' }));
    const rejected = await collectRun(runtime, { history: [userMessage('Hi')] });
    expect((rejected.error as Error).message).toBe(
      'Anthropic rejected the API key (401). Check ANTHROPIC_API_KEY in the environment Navi was started with.',
    );

    fixture.script(reply.error(529, 'Overloaded', { type: 'overloaded_error' }), reply.text('Back.'));
    expect((await collectRun(runtime, { history: [userMessage('Hi')] })).text).toBe('Back.');
  });

  it('lists models and tests the connection', async () => {
    const { runtime } = harness({ env: env() });
    expect(await runtime.settings.listModels({ providerId: 'env-anthropic' }, call)).toEqual({
      models: [{ id: 'claude-sonnet-4-5' }, { id: 'claude-small' }],
    });
    expect(fixture.requests.at(-1)!.headers['x-api-key']).toBe('sk-ant-test');
    expect(
      await runtime.settings.testConnection({ providerId: 'env-anthropic', model: 'claude-sonnet-4-5' }, call),
    ).toEqual({
      ok: true,
      models: 2,
      message: 'Connected to Anthropic: 2 models available.',
    });
  });

  it('generates a title with a non-streamed call', async () => {
    const { runtime } = harness({ env: env() });
    fixture.script(reply.text('Tokyo time question'));
    expect(
      await runtime.generateTitle([userMessage('What time is it in Tokyo right now?')], new AbortController().signal),
    ).toBe('Tokyo time question');
    expect(fixture.chatRequests()[0]!.body.stream).not.toBe(true);
  });
});
