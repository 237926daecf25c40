import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEnvOnlySecrets } from '../../../src/core/secrets/envOnlySecrets';
import { DEFAULT_INSTRUCTIONS, settingsService, type SettingsChange } from '../../../src/shared/contract/settings';
import { createClient, createInMemoryPair, RpcError, serve, type Disposable } from '../../../src/shared/rpc';
import { reply, startOpenAiFixture, type FixtureServer } from '../../fixtures';
import { closedPort, collectRun, fixtureEnv, useHarness, userMessage } from './harness';

const contract = { settings: settingsService } as const;
const harness = useHarness();
let fixture: FixtureServer;
const cleanup: Disposable[] = [];

beforeEach(async () => {
  fixture = await startOpenAiFixture({ apiKey: 'sk-stored-key-42', models: ['model-b', 'model-a'] });
});
afterEach(async () => {
  for (const item of cleanup.splice(0)) item.dispose();
  await fixture.close();
});

/** The settings service of a fresh runtime, called through the real RPC layer (validation included). */
function settingsClient(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  const [serverSide, clientSide] = createInMemoryPair();
  cleanup.push(serve(contract, { settings: h.runtime.settings }, serverSide, { peerId: 'window-1' }));
  const client = createClient(contract, clientSide);
  cleanup.push(client);
  return { ...h, api: client.api.settings };
}

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

describe('settings service: validation messages a person can read', () => {
  it.each([
    [
      'a base URL that is not http(s)',
      { kind: 'openai-compatible', name: 'Local', baseURL: 'localhost:11434' },
      /baseURL: The base URL must start with http:\/\/ or https:\/\//,
    ],
    [
      'an OpenAI-compatible provider without a base URL',
      { kind: 'openai-compatible', name: 'Local' },
      /baseURL: An OpenAI-compatible provider needs a base URL/,
    ],
    ['an empty name', { kind: 'openai', name: '   ' }, /name: Give the provider a name/],
    [
      'a key with spaces',
      { kind: 'openai', name: 'OpenAI', apiKey: 'sk abc' },
      /apiKey: An API key cannot contain spaces/,
    ],
    ['an unknown kind', { kind: 'gemini', name: 'G' }, /kind: /],
  ])('addProvider refuses %s', async (_name, input, message) => {
    const { api } = settingsClient();
    const error = await rejection(api.addProvider(input as never));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(message);
  });

  it.each([
    [{ maxIterations: 0 }, /maxIterations: Max steps must be at least 1/],
    [{ maxIterations: 2.5 }, /maxIterations: Max steps must be a whole number/],
    [{ maxIterations: 1000 }, /maxIterations: Max steps can be at most 100/],
    [{ maxIterations: 'ten' }, /maxIterations: Max steps must be a number/],
  ])('updateGeneral refuses %j', async (input, message) => {
    const { api } = settingsClient();
    expect((await rejection(api.updateGeneral(input as never))).message).toMatch(message);
  });

  it('saveProfile and testConnection explain what is missing', async () => {
    const { api } = settingsClient();
    expect((await rejection(api.saveProfile({ name: '', providerId: 'x', model: 'm' }))).message).toMatch(
      /name: Give the profile a name/,
    );
    expect((await rejection(api.saveProfile({ name: 'A', providerId: 'x', model: ' ' }))).message).toMatch(
      /model: Choose a model/,
    );
    expect((await rejection(api.saveProfile({ name: 'A', providerId: 'nope', model: 'm' }))).message).toBe(
      'That provider does not exist (any more). Choose one of the configured providers.',
    );
    expect((await rejection(api.testConnection({}))).message).toMatch(/Give either a saved provider/);
  });
});

describe('settings service: providers, profiles and general settings in SQLite', () => {
  it('adds a provider with a key that never comes back out, lists, tests, updates and removes it', async () => {
    const { api, runtime } = settingsClient();
    const changes: SettingsChange[] = [];
    cleanup.push(api.onChanged(undefined, (change) => changes.push(change)));

    const provider = await api.addProvider({
      kind: 'openai-compatible',
      name: 'Fixture',
      baseURL: `${fixture.baseURL}/`,
      apiKey: 'sk-stored-key-42',
    });
    expect(provider).toEqual({
      id: provider.id,
      kind: 'openai-compatible',
      name: 'Fixture',
      baseURL: fixture.baseURL,
      source: 'settings',
      hasKey: true,
      keySource: 'stored',
    });
    expect(JSON.stringify(await api.listProviders())).not.toContain('sk-stored-key-42');

    expect(await api.testConnection({ providerId: provider.id })).toEqual({
      ok: true,
      models: 2,
      message: 'Connected to Fixture: 2 models available.',
    });
    expect(await api.testConnection({ providerId: provider.id, model: 'model-z' })).toEqual({
      ok: false,
      reason: 'unknown_model',
      message:
        'Connected to Fixture, but it does not offer the model "model-z". It offers for example: model-a, model-b.',
    });
    expect(await api.listModels({ providerId: provider.id })).toEqual({
      models: [{ id: 'model-a' }, { id: 'model-b' }],
    });
    // The models request carried the stored key.
    expect(fixture.requests.at(-1)!.headers.authorization).toBe('Bearer sk-stored-key-42');

    // A profile on it becomes the default (the only one) and the agent uses it.
    const profile = await api.saveProfile({
      name: 'Work',
      systemPrompt: 'Be brief.',
      providerId: provider.id,
      model: 'model-a',
    });
    expect(profile).toMatchObject({ isDefault: true, source: 'settings' });
    fixture.script(reply.text('Brief.'));
    const outcome = await collectRun(runtime, { history: [userMessage('Hi')] });
    expect(outcome.text).toBe('Brief.');
    const sent = fixture.chatRequests()[0]!;
    expect(sent.body.model).toBe('model-a');
    expect(sent.body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });

    // Removing a provider a profile uses is refused with the profile's name.
    const conflict = await rejection(api.removeProvider({ id: provider.id }));
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toBe('This provider is used by the profile "Work". Change or delete it first.');

    const withoutKey = await api.updateProvider({ id: provider.id, apiKey: null, name: 'Renamed' });
    expect(withoutKey).toMatchObject({ name: 'Renamed', hasKey: false, keySource: 'none' });
    expect(await api.testConnection({ providerId: provider.id })).toEqual({
      ok: false,
      reason: 'unauthorized',
      message: 'Renamed rejected the API key (401). This provider has no API key; add one in Settings.',
    });

    expect(await api.deleteProfile({ id: profile.id })).toEqual({ deleted: true });
    expect(await api.removeProvider({ id: provider.id })).toEqual({ removed: true });
    expect(await api.listProviders()).toEqual([]);
    expect(changes.map((change) => change.scope)).toEqual([
      'providers',
      'profiles',
      'providers',
      'profiles',
      'providers',
    ]);
  });

  it('keeps profile names unique, switches the default and falls back when the default is deleted', async () => {
    const { api } = settingsClient();
    const provider = await api.addProvider({ kind: 'openai', name: 'OpenAI', apiKey: 'sk-abc' });
    const a = await api.saveProfile({ name: 'A', providerId: provider.id, model: 'gpt-4o-mini' });
    const b = await api.saveProfile({ name: 'B', providerId: provider.id, model: 'gpt-4o' });
    const duplicate = await rejection(api.saveProfile({ name: 'a', providerId: provider.id, model: 'x' }));
    expect(duplicate).toMatchObject({
      code: 'conflict',
      message: 'A profile named "a" already exists. Choose another name.',
    });

    expect((await api.listProfiles()).map((p) => [p.name, p.isDefault])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    expect(await api.setDefaultProfile({ id: b.id })).toMatchObject({ name: 'B', isDefault: true });
    expect((await api.listProfiles()).find((p) => p.isDefault)?.name).toBe('B');
    await api.deleteProfile({ id: b.id });
    expect((await api.listProfiles()).find((p) => p.isDefault)?.id).toBe(a.id);

    // A new profile gets the default instructions (the ones the environment's profile has); edits keep
    // the id, and instructions left out stay as they were.
    expect(a.systemPrompt).toBe(DEFAULT_INSTRUCTIONS);
    await api.saveProfile({
      id: a.id,
      name: 'A',
      providerId: provider.id,
      model: 'gpt-4o-mini',
      systemPrompt: 'Be brief.',
    });
    const edited = await api.saveProfile({ id: a.id, name: 'A2', providerId: provider.id, model: 'gpt-4.1' });
    expect(edited).toMatchObject({ id: a.id, name: 'A2', model: 'gpt-4.1', systemPrompt: 'Be brief.' });
  });

  it('stores maxIterations (default 10)', async () => {
    const { api } = settingsClient();
    expect(await api.getGeneral()).toEqual({
      maxIterations: 10,
      replyWaitSeconds: 120,
      canStoreKeys: true,
      quietHours: null,
    });
    expect(await api.updateGeneral({ maxIterations: 4 })).toEqual({
      maxIterations: 4,
      replyWaitSeconds: 120,
      canStoreKeys: true,
      quietHours: null,
    });
    expect(await api.getGeneral()).toEqual({
      maxIterations: 4,
      replyWaitSeconds: 120,
      canStoreKeys: true,
      quietHours: null,
    });
  });

  it('keeps quiet hours (off by default): a window across midnight, turned off with null, refused when it says nothing', async () => {
    const { api } = settingsClient();
    expect((await api.getGeneral()).quietHours).toBeNull();
    const night = { from: '22:00', to: '07:00' };
    expect((await api.updateGeneral({ quietHours: night })).quietHours).toEqual(night);
    // Other settings leave it alone.
    expect((await api.updateGeneral({ maxIterations: 5 })).quietHours).toEqual(night);
    expect((await api.getGeneral()).quietHours).toEqual(night);

    const same = await rejection(api.updateGeneral({ quietHours: { from: '07:00', to: '07:00' } }));
    expect(same.code).toBe('invalid_request');
    expect(same.message).toContain('Quiet hours need to end at another time than they start');
    const garbled = await rejection(api.updateGeneral({ quietHours: { from: '25:00', to: '07:00' } }));
    expect(garbled.message).toContain('Give a time as hours and minutes, such as 22:00');
    expect((await api.getGeneral()).quietHours).toEqual(night);

    expect((await api.updateGeneral({ quietHours: null })).quietHours).toBeNull();
    expect((await api.getGeneral()).quietHours).toBeNull();
  });

  it('tests a draft before it is saved, and reports an unreachable server', async () => {
    const { api } = settingsClient();
    expect(
      await api.testConnection({
        draft: { kind: 'openai-compatible', baseURL: fixture.baseURL, apiKey: 'sk-stored-key-42' },
      }),
    ).toMatchObject({ ok: true, models: 2 });
    expect(
      await api.testConnection({ draft: { kind: 'openai-compatible', baseURL: fixture.baseURL, apiKey: 'wrong' } }),
    ).toMatchObject({ ok: false, reason: 'unauthorized' });
    const port = await closedPort();
    const unreachable = await api.testConnection({
      draft: { kind: 'openai-compatible', baseURL: `http://127.0.0.1:${port}/v1` },
    });
    expect(unreachable).toEqual({
      ok: false,
      reason: 'unreachable',
      message: `Could not reach OpenAI-compatible at http://127.0.0.1:${port}/v1 (ECONNREFUSED). Check that the server is running and the base URL is right.`,
    });
  });

  it('shows environment providers and their profile read-only', async () => {
    const { api } = settingsClient({ env: fixtureEnv(fixture, 'sk-env-key-1') });
    const [provider] = await api.listProviders();
    expect(provider).toMatchObject({ id: 'env-openai', source: 'env', hasKey: true, keySource: 'env' });
    expect(await api.listProfiles()).toEqual([
      expect.objectContaining({
        id: 'env-default',
        providerId: 'env-openai',
        model: 'fixture-model',
        isDefault: true,
        source: 'env',
      }),
    ]);
    expect((await rejection(api.removeProvider({ id: 'env-openai' }))).message).toMatch(
      /comes from the environment \(OPENAI_API_KEY\)/,
    );
    expect(
      (await rejection(api.saveProfile({ id: 'env-default', name: 'X', providerId: 'env-openai', model: 'm' })))
        .message,
    ).toMatch(/cannot be edited/);
  });
});

describe('a host without a secure key store', () => {
  it('refuses to store a key with a message that says what to do, but accepts keyless providers', async () => {
    const { api } = settingsClient({ secrets: createEnvOnlySecrets() });
    expect(await api.getGeneral()).toEqual({
      maxIterations: 10,
      replyWaitSeconds: 120,
      canStoreKeys: false,
      quietHours: null,
    });
    const refused = await rejection(api.addProvider({ kind: 'openai', name: 'OpenAI', apiKey: 'sk-abc' }));
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(/^This browser host has no secure key store.*OPENAI_API_KEY/);
    expect(await api.listProviders()).toEqual([]); // nothing half-saved

    const local = await api.addProvider({
      kind: 'openai-compatible',
      name: 'Ollama',
      baseURL: 'http://localhost:11434/v1',
    });
    expect(local).toMatchObject({ hasKey: false, keySource: 'none' });
  });
});
