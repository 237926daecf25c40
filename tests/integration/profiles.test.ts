import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECALL_NOTE } from '../../src/core/agent/llmAgent';
import { createCore, type Core } from '../../src/core/core';
import { createMemorySecrets } from '../../src/core/secrets/memorySecrets';
import { DEFAULT_INSTRUCTIONS } from '../../src/shared/contract';
import type { CallContext } from '../../src/shared/rpc';
import { reply, startOpenAiFixture, type FixtureServer } from '../fixtures';
import { quietLogger } from '../helpers/host';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
let provider: FixtureServer;
let core: Core;
const call: CallContext = { signal: new AbortController().signal, peerId: 'test', isCongested: () => false };
/** A service call's refusal, whether it throws at once or rejects. */
const refusal = (run: () => unknown) => Promise.resolve().then(run);

beforeEach(async () => {
  provider = await startOpenAiFixture({
    models: ['fixture-model', 'fixture-small', 'fixture-large'],
    nonStreaming: { kind: 'message', text: ['A title'] },
  });
  core = createCore({
    dataDir: tempDir(),
    version: 'test',
    shell: 'browser',
    logger: quietLogger,
    secrets: createMemorySecrets(),
    env: { OPENAI_BASE_URL: provider.baseURL, NAVI_MODEL: 'fixture-model' },
  });
});
afterEach(async () => {
  await core.close();
  await provider.close();
});

/** The last streamed request the provider got. */
const lastRequest = () =>
  provider
    .chatRequests()
    .filter((request) => request.body?.stream === true)
    .at(-1)!.body;
const systemOf = (body: { messages: { role: string; content: string }[] }) =>
  body.messages.find((message) => message.role === 'system')?.content;

async function reply_(sessionId: string, text: string, origin: 'user' | 'recall' = 'user') {
  provider.script(reply.text('OK.'));
  return core.orchestrator.startRun(sessionId, text, origin).done;
}

describe('profiles, and model and instructions per conversation', () => {
  it('a conversation’s own model and instructions reach the provider; clearing them goes back to the profile’s', async () => {
    const { sessions } = core.services;
    const session = await sessions.create({}, call);
    await reply_(session.id, 'Hi');
    expect(lastRequest().model).toBe('fixture-model');
    expect(systemOf(lastRequest())).toBe(DEFAULT_INSTRUCTIONS);

    const updated = await sessions.update(
      {
        id: session.id,
        model: { providerId: 'env-openai', model: 'fixture-large' },
        instructions: 'Answer in French.',
      },
      call,
    );
    expect(updated).toMatchObject({
      model: { providerId: 'env-openai', model: 'fixture-large' },
      instructions: 'Answer in French.',
    });
    await reply_(session.id, 'Again');
    expect(lastRequest().model).toBe('fixture-large');
    expect(systemOf(lastRequest())).toBe('Answer in French.');
    const stored = core.store.activePath(session.id).at(-1)!;
    expect(stored).toMatchObject({ model: 'fixture-large', usage: { inputTokens: 10, outputTokens: 5 } });

    await sessions.update({ id: session.id, model: null, instructions: null }, call);
    await reply_(session.id, 'Once more');
    expect(lastRequest().model).toBe('fixture-model');
    expect(systemOf(lastRequest())).toBe(DEFAULT_INSTRUCTIONS);
    expect((await sessions.get({ id: session.id }, call)).usage).toEqual({ inputTokens: 30, outputTokens: 15 });
  });

  it('a conversation started from a profile uses it, recall runs included, with its tools only and its recall default', async () => {
    const { settings, sessions, chat, recalls } = core.services;
    const profile = await settings.saveProfile(
      {
        name: 'Terse',
        providerId: 'env-openai',
        model: 'fixture-small',
        systemPrompt: 'Be terse.',
        enabledTools: ['current_time'],
        enabledMcpServers: [],
        recallMissedPolicy: 'skip',
      },
      call,
    );
    expect((await settings.listTools(undefined, call)).map((tool) => tool.name)).toContain('schedule_recall');

    provider.script(reply.text('Noted.'));
    const started = await chat.start({ text: 'Remember this', profileId: profile.id }, call);
    await expect.poll(() => core.orchestrator.isBusy(started.sessionId)).toBe(false);
    const body = lastRequest();
    expect(body.model).toBe('fixture-small');
    expect(systemOf(body)).toBe('Be terse.');
    expect(body.tools.map((tool: { function: { name: string } }) => tool.function.name)).toEqual(['current_time']);
    expect((await sessions.get({ id: started.sessionId }, call)).session.profileId).toBe(profile.id);

    await reply_(started.sessionId, 'Check the deploy', 'recall');
    expect(lastRequest().model).toBe('fixture-small');
    expect(systemOf(lastRequest())).toBe(`Be terse.\n\n${RECALL_NOTE}`);

    const recall = await recalls.create(
      { sessionId: started.sessionId, schedule: { kind: 'interval', everySeconds: 3600 }, message: 'Ping' },
      call,
    );
    expect(recall.missedPolicy).toBe('skip');
    const other = await sessions.create({}, call);
    const plain = await recalls.create(
      { sessionId: other.id, schedule: { kind: 'interval', everySeconds: 3600 }, message: 'Ping' },
      call,
    );
    expect(plain.missedPolicy).toBe('catch_up_once');
  });

  it('refuses a profile that does not exist, and a deleted profile falls back to the default one', async () => {
    const { settings, sessions, chat } = core.services;
    await expect(refusal(() => sessions.create({ profileId: 'nope' }, call))).rejects.toThrow(
      /That profile does not exist/,
    );
    await expect(refusal(() => chat.start({ text: 'Hi', profileId: 'nope' }, call))).rejects.toThrow(
      /That profile does not exist/,
    );
    expect(await sessions.list(undefined, call)).toEqual([]);
    // The environment's profile's name is taken too (in any case).
    await expect(
      refusal(() =>
        settings.saveProfile({ name: 'from ENVIRONMENT', providerId: 'env-openai', model: 'fixture-small' }, call),
      ),
    ).rejects.toThrow(/A profile named "from ENVIRONMENT" already exists/);
    const profile = await settings.saveProfile(
      { name: 'Gone soon', providerId: 'env-openai', model: 'fixture-small' },
      call,
    );
    const session = await sessions.create({ profileId: profile.id }, call);
    await settings.deleteProfile({ id: profile.id }, call);
    await reply_(session.id, 'Still there?');
    expect(lastRequest().model).toBe('fixture-model');
  });

  it('the environment’s profile shows its instructions and lets them change, not its model', async () => {
    const { settings } = core.services;
    const [envProfile] = await settings.listProfiles(undefined, call);
    expect(envProfile).toMatchObject({ id: 'env-default', systemPrompt: DEFAULT_INSTRUCTIONS, source: 'env' });
    const saved = await settings.saveProfile(
      {
        id: 'env-default',
        name: envProfile!.name,
        providerId: 'env-openai',
        model: 'fixture-model',
        systemPrompt: 'Short answers.',
      },
      call,
    );
    expect(saved.systemPrompt).toBe('Short answers.');
    const session = await core.services.sessions.create({}, call);
    await reply_(session.id, 'Hi');
    expect(systemOf(lastRequest())).toBe('Short answers.');
    await expect(
      refusal(() =>
        settings.saveProfile(
          { id: 'env-default', name: envProfile!.name, providerId: 'env-openai', model: 'other' },
          call,
        ),
      ),
    ).rejects.toThrow(/cannot be edited/);
  });

  it('a profile added the way the guided setup adds one gets the same instructions as the environment’s', async () => {
    const { settings } = core.services;
    const local = await settings.addProvider(
      { kind: 'openai-compatible', name: 'Local', baseURL: provider.baseURL },
      call,
    );
    const made = await settings.saveProfile({ name: 'Default', providerId: local.id, model: 'fixture-small' }, call);
    await settings.setDefaultProfile({ id: made.id }, call);
    const session = await core.services.sessions.create({}, call);
    await reply_(session.id, 'Hi');
    expect(systemOf(lastRequest())).toBe(DEFAULT_INSTRUCTIONS);
  });
});
