import { afterEach, describe, expect, it, vi } from 'vitest';
import { reply, startAnthropicFixture, startOpenAiFixture, type FixtureServer } from '../../fixtures';
import { collectRun, testCall, useHarness, userMessage } from './harness';

const harness = useHarness();
const call = testCall();
const fixtures: FixtureServer[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.close()));
});

async function openAi(apiKey?: string) {
  const fixture = await startOpenAiFixture({
    apiKey,
    rejectUnknownModels: true,
    models: ['llama3.2', 'fixture-model'],
  });
  fixtures.push(fixture);
  return fixture;
}

describe('configuration from the environment alone', () => {
  it('OPENAI_API_KEY + OPENAI_BASE_URL + NAVI_MODEL give a working default with no setup step', async () => {
    const fixture = await openAi('sk-env-only');
    const { runtime } = harness({
      env: { OPENAI_API_KEY: 'sk-env-only', OPENAI_BASE_URL: fixture.baseURL, NAVI_MODEL: 'llama3.2' },
    });
    fixture.script(reply.text('Configured by env.'));

    const outcome = await collectRun(runtime, { history: [userMessage('Hi')] });

    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe('Configured by env.');
    expect(fixture.chatRequests()[0]!.body.model).toBe('llama3.2');
    expect(await runtime.settings.testConnection({ providerId: 'env-openai', model: 'llama3.2' }, call)).toMatchObject({
      ok: true,
      models: 2,
    });
  });

  it('OPENAI_BASE_URL without a key talks to a local server without an Authorization header', async () => {
    const fixture = await openAi();
    const { runtime } = harness({ env: { OPENAI_BASE_URL: fixture.baseURL, NAVI_MODEL: 'llama3.2' } });
    fixture.script(reply.text('Local.'));

    expect((await collectRun(runtime, { history: [userMessage('Hi')] })).text).toBe('Local.');
    expect(fixture.chatRequests()[0]!.headers.authorization).toBeUndefined();
    expect(await runtime.settings.listProviders(undefined, call)).toEqual([
      expect.objectContaining({ kind: 'openai-compatible', hasKey: false, keySource: 'none', source: 'env' }),
    ]);
  });

  it('asks for NAVI_MODEL when only a base URL is given', async () => {
    const fixture = await openAi();
    const { runtime } = harness({ env: { OPENAI_BASE_URL: fixture.baseURL } });
    const outcome = await collectRun(runtime, { history: [userMessage('Hi')] });
    expect(outcome.error).toMatchObject({ kind: 'not_configured' });
    expect((outcome.error as Error).message).toMatch(/Set NAVI_MODEL/);
  });

  it('ANTHROPIC_API_KEY (+ ANTHROPIC_BASE_URL) configures Anthropic; a claude NAVI_MODEL picks it over OpenAI', async () => {
    const anthropic = await startAnthropicFixture({ apiKey: 'sk-ant-env' });
    fixtures.push(anthropic);
    const openai = await openAi('sk-openai-env');
    const { runtime } = harness({
      env: {
        OPENAI_API_KEY: 'sk-openai-env',
        OPENAI_BASE_URL: openai.baseURL,
        ANTHROPIC_API_KEY: 'sk-ant-env',
        ANTHROPIC_BASE_URL: anthropic.baseURL,
        NAVI_MODEL: 'claude-sonnet-4-5',
      },
    });
    anthropic.script(reply.text('From Claude.'));

    expect((await collectRun(runtime, { history: [userMessage('Hi')] })).text).toBe('From Claude.');
    expect(anthropic.chatRequests()[0]!.headers['x-api-key']).toBe('sk-ant-env');
    expect(openai.chatRequests()).toHaveLength(0);
  });

  it('reads only the injected env, never process.env behind its back', async () => {
    const fixture = await openAi();
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-process-env');
    vi.stubEnv('OPENAI_BASE_URL', fixture.baseURL);
    const { runtime } = harness({ env: {} });

    const outcome = await collectRun(runtime, { history: [userMessage('Hi')] });

    expect(outcome.error).toMatchObject({ kind: 'not_configured' });
    expect(fixture.requests).toHaveLength(0);
  });
});
