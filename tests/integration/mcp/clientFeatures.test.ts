import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../src/core/core';
import { createMemorySecrets } from '../../../src/core/secrets/memorySecrets';
import {
  chatService,
  mcpService,
  sessionsService,
  type ChatEvent,
  type ChatStreamMessage,
  type McpServerStatus,
} from '../../../src/shared/contract';
import { createClient, createInMemoryPair, serve } from '../../../src/shared/rpc';
import { reply, startOpenAiFixture, type FixtureServer } from '../../fixtures';
import { useTempDirs } from '../../helpers/tempDir';
import { capturingLogger, fixtureEnv } from '../agent/harness';
import { EVERYTHING, fixture } from './harness';

const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const contract = { chat: chatService, mcp: mcpService, sessions: sessionsService } as const;

/** A real core (SQLite file, agent on the scripted provider, MCP runtime), used through the RPC layer. */
async function setup() {
  const provider: FixtureServer = await startOpenAiFixture();
  cleanups.push(() => provider.close());
  const dataDir = tempDir();
  const core: Core = createCore({
    dataDir,
    version: '0.0.0-test',
    shell: 'browser',
    logger: capturingLogger(),
    secrets: createMemorySecrets(),
    env: { PATH: process.env.PATH ?? '', ...fixtureEnv(provider) },
  });
  cleanups.push(() => core.close());
  const statuses: McpServerStatus[] = [];
  const unsubscribe = core.bus.subscribe((event) => {
    if (event.type === 'mcp-status') statuses.push(event.server);
  });
  cleanups.push(() => unsubscribe.dispose());
  const window = () => {
    const [serverSide, clientSide] = createInMemoryPair();
    const served = serve(contract, core.services, serverSide, { peerId: `window-${Math.random()}` });
    const client = createClient(contract, clientSide);
    cleanups.push(() => {
      client.dispose();
      served.dispose();
    });
    return client.api;
  };
  const waitForStatus = (serverId: string, check: (status: McpServerStatus) => boolean) =>
    vi.waitFor(
      () => {
        const latest = statuses.filter((status) => status.serverId === serverId).at(-1);
        expect(latest && check(latest), JSON.stringify(latest)).toBe(true);
        return latest!;
      },
      { timeout: 15_000, interval: 10 },
    );
  // These tests are about MCP features, not approval: their servers' tools run without asking.
  const trust = (serverId: string) =>
    core.services.tools.setPolicy(
      { target: { kind: 'server', serverId }, policy: 'allow' },
      { signal: new AbortController().signal, peerId: 'test', isCongested: () => false },
    );
  return { provider, core, window, statuses, waitForStatus, dataDir, trust };
}

function follow(api: ReturnType<Awaited<ReturnType<typeof setup>>['window']>, sessionId: string) {
  const messages: ChatStreamMessage[] = [];
  const subscription = api.chat.subscribe({ sessionId, fromSeq: 1 }, (message) => messages.push(message));
  cleanups.push(() => subscription.dispose());
  const events = () => messages.flatMap((message) => (message.kind === 'events' ? message.events : []));
  const waitFor = <T extends ChatEvent['type']>(type: T, count = 1) =>
    vi.waitFor(
      () => {
        const found = events().filter((event): event is Extract<ChatEvent, { type: T }> => event.type === type);
        expect(found.length).toBeGreaterThanOrEqual(count);
        return found;
      },
      { timeout: 15_000, interval: 10 },
    );
  return { events, waitFor };
}

const everything = {
  transport: 'stdio' as const,
  name: 'everything',
  command: process.execPath,
  args: [EVERYTHING, 'stdio'],
};

describe(
  'MCP prompts, resources, elicitation, progress and list changes (server-everything and a scripted server)',
  { timeout: 60_000 },
  () => {
    it('offers prompts as rendered text and resources as context the model receives', async () => {
      const { window, waitForStatus, provider, trust } = await setup();
      const api = window();
      const server = await api.mcp.add(everything);
      await trust(server.id);
      const connected = await waitForStatus(server.id, (status) => status.state === 'connected');
      expect(connected.promptCount).toBeGreaterThanOrEqual(4);
      expect(connected.resourceCount).toBeGreaterThanOrEqual(3);

      const prompts = await api.mcp.listPrompts();
      expect(prompts.find((prompt) => prompt.name === 'args-prompt')).toMatchObject({
        serverId: server.id,
        serverName: 'everything',
        title: 'Arguments Prompt',
        arguments: [
          { name: 'city', required: true },
          { name: 'state', required: false },
        ],
      });
      await expect(
        api.mcp.getPrompt({ serverId: server.id, name: 'args-prompt', arguments: { city: 'Berlin' } }),
      ).resolves.toEqual({ text: "What's weather in Berlin?" });
      const embedded = await api.mcp.getPrompt({
        serverId: server.id,
        name: 'resource-prompt',
        arguments: { resourceType: 'Text', resourceId: '2' },
      });
      expect(embedded.text).toMatch(
        /Please analyze the following resource:\n\n<resource uri="demo:\/\/resource\/dynamic\/text\/2">\nResource 2: This is a plaintext resource/,
      );
      await expect(api.mcp.getPrompt({ serverId: server.id, name: 'no-such-prompt' })).rejects.toThrow(
        /The prompt "no-such-prompt" of everything failed/,
      );

      const { resources, templates } = await api.mcp.listResources();
      const features = resources.find((resource) => resource.name === 'features.md');
      expect(features).toMatchObject({ uri: 'demo://resource/static/document/features.md', mimeType: 'text/markdown' });
      const blobTemplate = templates.find((template) => template.name === 'Dynamic Blob Resource');
      expect(blobTemplate?.variables).toEqual(['resourceId']);
      const { uri: blobUri } = await api.mcp.expandTemplate({
        serverId: server.id,
        uriTemplate: blobTemplate!.uriTemplate,
        values: { resourceId: '7' },
      });
      expect(blobUri).toBe('demo://resource/dynamic/blob/7');

      provider.script(reply.text('Read it.'));
      const session = await api.sessions.create();
      const seen = follow(api, session.id);
      await api.chat.send({
        sessionId: session.id,
        text: 'Summarise these',
        resources: [
          { serverId: server.id, uri: features!.uri },
          { serverId: server.id, uri: blobUri },
        ],
      });
      const [started] = await seen.waitFor('run-started');
      const [, featuresPart, blobPart] = started!.prompt.parts;
      expect(featuresPart).toMatchObject({
        type: 'resource',
        name: 'features.md',
        mimeType: 'text/markdown',
        note: null,
      });
      expect(featuresPart).toHaveProperty('text', expect.stringContaining('# Everything Server - Features'));
      expect(blobPart).toMatchObject({
        type: 'resource',
        text: null,
        note: expect.stringMatching(/^Binary content \(text\/plain, \d+ bytes\) not included\.$/),
      });
      await seen.waitFor('run-completed');

      // The model got the person's text, then each resource as context.
      const userTurn = provider
        .chatRequests()[0]!
        .body.messages.find((message: { role: string }) => message.role === 'user');
      const texts = (userTurn.content as { type: string; text: string }[]).map((part) => part.text);
      expect(texts[0]).toBe('Summarise these');
      expect(texts[1]).toMatch(
        /^Attached resource "features.md" from the MCP server "everything": demo:\/\/resource\/static\/document\/features.md \(text\/markdown\)\n<resource uri=".*">\n# Everything Server - Features/,
      );
      expect(texts[2]).toMatch(/\[Binary content \(text\/plain, \d+ bytes\) not included\.\]/);

      // A resource that cannot be read stops the send with a reason, and nothing is stored.
      await expect(
        api.chat.send({
          sessionId: session.id,
          text: 'And this',
          resources: [{ serverId: server.id, uri: 'demo://nope' }],
        }),
      ).rejects.toThrow(/Could not read nope from everything/);
      expect((await api.sessions.get({ id: session.id })).messages).toHaveLength(2);
    });

    it('shows a server question in every window, takes the first answer, and the tool gets it', async () => {
      const { window, waitForStatus, provider, trust } = await setup();
      const a = window();
      const b = window();
      const server = await a.mcp.add(everything);
      await trust(server.id);
      // Connecting with the elicitation capability makes the server add its elicitation tool (a list change).
      await waitForStatus(server.id, (status) => status.state === 'connected');
      await vi.waitFor(async () =>
        expect((await a.mcp.listTools({ id: server.id })).map((tool) => tool.name)).toContain(
          'trigger-elicitation-request',
        ),
      );

      provider.script(
        reply.toolCalls([{ name: 'mcp__everything__trigger-elicitation-request', input: {} }]),
        reply.text('Thanks, Ada.'),
      );
      const session = await a.sessions.create();
      const seenA = follow(a, session.id);
      const seenB = follow(b, session.id);
      await a.chat.send({ sessionId: session.id, text: 'Ask me' });
      const [asked] = await seenB.waitFor('elicitation-requested');
      const question = asked!.elicitation;
      expect(question.serverName).toBe('everything');
      expect(question.message).toBe('Please provide inputs for the following fields:');
      const byName = Object.fromEntries(question.fields.map((field) => [field.name, field]));
      expect(byName.name).toMatchObject({ kind: 'text', required: true, label: 'String' });
      expect(byName.email).toMatchObject({ kind: 'text', format: 'email' });
      expect(byName.integer).toMatchObject({ kind: 'number', integer: true, minimum: 1, maximum: 100, default: 42 });
      expect(byName.titledSingleSelectEnum).toMatchObject({
        kind: 'choice',
        options: [
          { value: 'hero-1', label: 'Superman' },
          { value: 'hero-2', label: 'Green Lantern' },
          { value: 'hero-3', label: 'Wonder Woman' },
        ],
      });
      expect(byName.legacyTitledEnum).toMatchObject({
        kind: 'choice',
        options: expect.arrayContaining([{ value: 'pet-2', label: 'Dogs' }]),
      });
      expect(byName.untitledMultipleSelectEnum).toMatchObject({ kind: 'multi-choice', minItems: 1, maxItems: 3 });

      // A late window sees the pending question in its snapshot.
      const snapshot = await b.sessions.get({ id: session.id });
      expect(snapshot.activeRun?.elicitations?.map((pending) => pending.id)).toEqual([question.id]);

      // An answer that does not fit the form is refused with the reason; the question stays.
      await expect(
        b.chat.answerElicitation({
          sessionId: session.id,
          elicitationId: question.id,
          action: 'accept',
          content: { name: 'Ada', email: 'not-an-email', integer: 500 },
        }),
      ).rejects.toThrow(/email: Enter an email address.*integer: Enter 100 or less/);
      await expect(
        b.chat.answerElicitation({
          sessionId: session.id,
          elicitationId: question.id,
          action: 'accept',
          content: {
            name: 'Ada Lovelace',
            email: 'ada@example.com',
            integer: 7,
            untitledMultipleSelectEnum: ['Piano'],
          },
        }),
      ).resolves.toEqual({ answered: true });
      // The other window was too late.
      await expect(
        a.chat.answerElicitation({ sessionId: session.id, elicitationId: question.id, action: 'decline' }),
      ).resolves.toEqual({ answered: false });

      for (const seen of [seenA, seenB]) {
        const [resolved] = await seen.waitFor('elicitation-resolved');
        expect(resolved).toMatchObject({ elicitationId: question.id, action: 'accept', resolution: 'answered' });
      }
      const [result] = await seenA.waitFor('tool-result');
      expect(JSON.stringify(result!.output)).toContain('- Name: Ada Lovelace');
      expect(JSON.stringify(result!.output)).toContain('- Email: ada@example.com');
      await seenA.waitFor('run-completed');
      expect((await a.sessions.get({ id: session.id })).activeRun).toBeUndefined();
    });

    it('declines a server question in a recall run (nobody is watching) and the run carries on', async () => {
      const { window, waitForStatus, provider, core, trust } = await setup();
      const api = window();
      const server = await api.mcp.add(everything);
      await trust(server.id);
      await waitForStatus(server.id, (status) => status.state === 'connected');
      await vi.waitFor(async () =>
        expect((await api.mcp.listTools({ id: server.id })).map((tool) => tool.name)).toContain(
          'trigger-elicitation-request',
        ),
      );
      provider.script(
        reply.toolCalls([{ name: 'mcp__everything__trigger-elicitation-request', input: {} }]),
        reply.text('The server wanted input; I could not ask.'),
      );
      const session = await api.sessions.create();
      const seen = follow(api, session.id);
      const run = core.orchestrator.startRun(session.id, 'Check in', 'recall');
      await expect(run.done).resolves.toMatchObject({ status: 'completed' });
      const [resolved] = await seen.waitFor('elicitation-resolved');
      expect(resolved).toMatchObject({ action: 'decline', resolution: 'unattended' });
      const [result] = await seen.waitFor('tool-result');
      expect(JSON.stringify(result!.output)).toContain('User declined to provide the requested information');
      expect(JSON.stringify(provider.chatRequests()[1]!.body.messages)).toContain('User declined');
    });

    it('shows progress while a tool runs, and Stop tells the server to cancel', async () => {
      const { window, waitForStatus, provider, dataDir, trust } = await setup();
      const api = window();
      const eventsFile = join(dataDir, 'server-events.txt');
      writeFileSync(eventsFile, '');
      const server = await api.mcp.add({
        transport: 'stdio',
        name: 'scripted',
        command: process.execPath,
        args: [fixture('scriptedServer.mjs'), '--events-file', eventsFile],
      });
      await trust(server.id);
      await waitForStatus(server.id, (status) => status.state === 'connected');
      provider.script(reply.toolCalls([{ name: 'mcp__scripted__slow', input: {} }]));
      const session = await api.sessions.create();
      const seen = follow(api, session.id);
      await api.chat.send({ sessionId: session.id, text: 'Go slowly' });
      const [progress] = await seen.waitFor('tool-progress');
      const [call] = await seen.waitFor('tool-call');
      expect(progress!.progress).toEqual({
        toolCallId: call!.toolCallId,
        progress: 1,
        total: 4,
        message: 'Step 1 of 4',
      });
      const snapshot = await api.sessions.get({ id: session.id });
      expect(snapshot.activeRun?.toolProgress).toEqual([progress!.progress]);

      await api.chat.stop({ sessionId: session.id });
      await seen.waitFor('run-stopped');
      await vi.waitFor(() => expect(readFileSync(eventsFile, 'utf8')).toContain('cancelled slow'), { timeout: 10_000 });
    });

    it('offers tools a server added from the next step on, and republishes prompt and resource counts', async () => {
      const { window, waitForStatus, provider, trust } = await setup();
      const api = window();
      const server = await api.mcp.add({
        transport: 'stdio',
        name: 'scripted',
        command: process.execPath,
        args: [fixture('scriptedServer.mjs')],
      });
      await trust(server.id);
      const before = await waitForStatus(server.id, (status) => status.state === 'connected');
      expect(before).toMatchObject({ promptCount: 0, resourceCount: 0 });

      provider.script(
        reply.toolCalls([
          { name: 'mcp__scripted__add_tool', input: {} },
          { name: 'mcp__scripted__add_extras', input: {} },
        ]),
        reply.text('Done.'),
      );
      const session = await api.sessions.create();
      const seen = follow(api, session.id);
      await api.chat.send({ sessionId: session.id, text: 'Grow' });
      await seen.waitFor('run-completed');
      const offered = (index: number) =>
        (provider.chatRequests()[index]!.body.tools as { function: { name: string } }[]).map(
          (tool) => tool.function.name,
        );
      expect(offered(0)).not.toContain('mcp__scripted__late_tool');
      expect(offered(1)).toContain('mcp__scripted__late_tool');

      const after = await waitForStatus(server.id, (status) => status.promptCount === 1 && status.resourceCount === 1);
      expect(after.toolCount).toBe(before.toolCount + 1);
      expect((await api.mcp.listPrompts()).map((prompt) => prompt.name)).toEqual(['late_prompt']);
      expect((await api.mcp.listResources()).resources.map((resource) => resource.uri)).toEqual(['scripted://late']);
    });
  },
);
