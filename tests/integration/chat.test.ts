import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_CHARS,
  SESSION_PAGE_SIZE,
  type AppEvent,
  type ChatEvent,
  type ChatStreamMessage,
} from '../../src/shared/contract';
import { ControlledAgent, settle } from '../helpers/controlledAgent';
import { startTestHost, type TestHost } from '../helpers/host';
import { socketClient } from '../helpers/socketClient';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const agent = new ControlledAgent();
  const running: TestHost = await startTestHost(tempDir(), { agent });
  cleanups.push(() => running.close());
  const window = () => {
    const client = socketClient(running.host.port, running.host.token);
    cleanups.push(client.close);
    return client;
  };
  return { agent, running, window };
}

function collect() {
  const messages: ChatStreamMessage[] = [];
  const events = () => messages.flatMap((m) => (m.kind === 'events' ? m.events : []));
  const text = () =>
    events()
      .map((e: ChatEvent) => (e.type === 'text-delta' ? e.text : ''))
      .join('');
  return { messages, events, text, listener: (m: ChatStreamMessage) => messages.push(m) };
}

describe('the conversation list over the browser host', () => {
  it('comes in pages of at most SESSION_PAGE_SIZE; a bigger page is refused readably', async () => {
    const { running, window } = await setup();
    const made = new Set<string>();
    for (let i = 0; i < SESSION_PAGE_SIZE + 5; i++) made.add(running.core.store.createSession(`Chat ${i}`).id);
    const { api } = window();
    const first = await api.sessions.list();
    expect(first).toHaveLength(SESSION_PAGE_SIZE);
    const last = first.at(-1)!;
    const rest = await api.sessions.list({ after: { updatedAt: last.updatedAt, id: last.id } });
    expect(rest).toHaveLength(5);
    expect(new Set([...first, ...rest].map((session) => session.id))).toEqual(made);
    await expect(api.sessions.list({ limit: SESSION_PAGE_SIZE + 1 })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});

describe('chat over the browser host', () => {
  it('starts a conversation with its first message; a refused one creates nothing', async () => {
    const { agent, running, window } = await setup();
    const { api } = window();
    await expect(api.chat.start({ text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/a message can have at most 100,000/),
    });
    await expect(api.chat.start({ text: '   ' })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(await api.sessions.list({ includeArchived: true })).toEqual([]);
    expect(agent.runs).toHaveLength(0);

    const started = await api.chat.start({ text: 'Hello' });
    await expect.poll(() => agent.runs.length).toBe(1);
    expect((await api.sessions.list()).map((session) => session.id)).toEqual([started.sessionId]);
    const snapshot = await api.sessions.get({ id: started.sessionId });
    expect(snapshot.messages.map((message) => message.id)).toEqual([started.messageId]);
    expect(snapshot.activeRun?.partial.id).toBe(started.replyId);
    expect(running.core.orchestrator.isBusy(started.sessionId)).toBe(true);
  });

  it('streams one run to two windows; the late one replays from its snapshot; stop works from the second', async () => {
    const { agent, window } = await setup();
    const a = window();
    const b = window();
    const session = await a.api.sessions.create();

    const seenA = collect();
    a.api.chat.subscribe({ sessionId: session.id, fromSeq: 1 }, seenA.listener);
    await settle();
    await a.api.chat.send({ sessionId: session.id, text: 'Tell me a story' });
    await expect.poll(() => agent.runs.length).toBe(1);
    agent.last.delta('Once upon ');
    agent.last.delta('a time');
    await expect.poll(() => seenA.text()).toBe('Once upon a time');

    // The second window opens mid-run: snapshot first, then follow on from its seq.
    const snapshot = await b.api.sessions.get({ id: session.id });
    expect(snapshot.activeRun?.partial.parts).toEqual([{ type: 'text', text: 'Once upon a time' }]);
    const seenB = collect();
    b.api.chat.subscribe({ sessionId: session.id, fromSeq: snapshot.seq + 1 }, seenB.listener);
    await settle();
    agent.last.delta(', a window');
    await expect.poll(() => seenB.text()).toBe(', a window');

    await expect(b.api.chat.stop({ sessionId: session.id })).resolves.toEqual({ stopped: true });
    for (const seen of [seenA, seenB]) {
      await expect.poll(() => seen.events().filter((e) => e.type === 'run-stopped').length).toBe(1);
    }
    expect(seenA.text()).toBe('Once upon a time, a window');

    const after = await a.api.sessions.get({ id: session.id });
    expect(after.activeRun).toBeUndefined();
    expect(after.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'partial'],
    ]);
  });

  it('refuses a second send while a run is active, and rejects bad input, with readable errors', async () => {
    const { agent, window } = await setup();
    const a = window();
    const session = await a.api.sessions.create();
    await a.api.chat.send({ sessionId: session.id, text: 'First' });
    await expect(a.api.chat.send({ sessionId: session.id, text: 'Second' })).rejects.toMatchObject({
      code: 'busy',
      message: expect.stringMatching(/still replying/),
    });
    await expect(a.api.chat.send({ sessionId: session.id, text: '   ' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/cannot be empty/),
    });
    await expect(a.api.sessions.rename({ id: session.id, title: '' })).rejects.toMatchObject({
      message: expect.stringMatching(/title cannot be empty/),
    });
    await expect(a.api.sessions.get({ id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    agent.last.complete();
  });

  it('delivers app-wide updates (created, renamed, busy, deleted) to every window', async () => {
    const { agent, window } = await setup();
    const a = window();
    const b = window();
    const seenByB: AppEvent[] = [];
    b.api.events.onAppEvent(undefined, (event) => seenByB.push(event));
    await settle();
    const session = await a.api.sessions.create();
    await a.api.sessions.rename({ id: session.id, title: 'Deploy watch' });
    await a.api.chat.send({ sessionId: session.id, text: 'hi' });
    await expect.poll(() => seenByB.some((e) => e.type === 'session-changed' && e.session.busy)).toBe(true);
    agent.last.complete();
    await expect.poll(() => seenByB.at(-1)).toMatchObject({ type: 'session-changed', session: { busy: false } });
    await a.api.sessions.delete({ id: session.id });
    await expect.poll(() => seenByB.at(-1)).toEqual({ type: 'session-deleted', sessionId: session.id });
    expect(seenByB.some((e) => e.type === 'session-changed' && e.session.title === 'Deploy watch')).toBe(true);
    expect(await b.api.sessions.list()).toEqual([]);
  });
});
