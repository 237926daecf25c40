import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent, ChatStreamMessage } from '../../src/shared/contract';
import { CountingAgent } from '../helpers/recalls';
import { startTestHost } from '../helpers/host';
import { socketClient } from '../helpers/socketClient';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('recalls over the browser host', () => {
  it('a recall created by a window fires in its conversation and every window hears about it', async () => {
    const agent = new CountingAgent('Deploy finished at 14:02.\nAll green.');
    const running = await startTestHost(tempDir(), { agent });
    cleanups.push(() => running.close());
    const [a, b] = [0, 1].map(() => {
      const client = socketClient(running.host.port, running.host.token);
      cleanups.push(client.close);
      return client;
    });
    const session = await a!.api.sessions.create({ title: 'Deploy watch' });
    const streamed: ChatStreamMessage[] = [];
    a!.api.chat.subscribe({ sessionId: session.id, fromSeq: 1 }, (m) => streamed.push(m));
    const heardByB: AppEvent[] = [];
    b!.api.events.onAppEvent(undefined, (event) => heardByB.push(event));

    const recall = await a!.api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: Date.now() + 500 },
      message: 'Check whether the deploy finished',
    });
    expect(recall).toMatchObject({ status: 'pending', createdBy: 'user', kind: 'once' });

    await expect
      .poll(() => heardByB.find((e) => e.type === 'recall-fired'), { timeout: 10_000 })
      .toEqual({
        type: 'recall-fired',
        kind: 'fired',
        recallId: recall.id,
        sessionId: session.id,
        sessionTitle: 'Deploy watch',
        title: 'Recall · Deploy watch',
        // The first lines of the reply.
        text: 'Deploy finished at 14:02.\nAll green.',
        outcome: 'success',
        held: false,
      });
    const events = () => streamed.flatMap((m) => (m.kind === 'events' ? m.events : []));
    // The window's events come coalesced (up to 33 ms after they happen); the notification does not wait.
    await expect.poll(() => events().filter((e) => e.type === 'run-completed')).toHaveLength(1);
    expect(events().find((e) => e.type === 'run-started')).toMatchObject({ origin: 'recall' });
    expect(await b!.api.recalls.list({ sessionId: session.id })).toMatchObject([{ id: recall.id, status: 'done' }]);
    expect(await b!.api.recalls.history({ recallId: recall.id })).toMatchObject([{ outcome: 'success' }]);
  });

  it('answers bad recall input with readable errors', async () => {
    const running = await startTestHost(tempDir(), { agent: new CountingAgent() });
    cleanups.push(() => running.close());
    const client = socketClient(running.host.port, running.host.token);
    cleanups.push(client.close);
    const session = await client.api.sessions.create();
    await expect(
      client.api.recalls.create({
        sessionId: session.id,
        schedule: { kind: 'cron', expression: 'nope', timeZone: 'UTC' },
        message: 'x',
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^Not a valid expression: it needs 5 fields/),
    });
    await expect(
      client.api.recalls.create({
        sessionId: session.id,
        schedule: { kind: 'interval', everySeconds: 5 },
        message: 'x',
      }),
    ).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/at least 60 seconds/) });
    await expect(
      client.api.recalls.create({
        sessionId: session.id,
        schedule: { kind: 'once', at: Date.now() + 1000 },
        message: '  ',
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/needs a message/) });
    expect(await client.api.recalls.list()).toEqual([]);
  });

  it('previews a schedule over the socket, as the form asks for it, and creates from words', async () => {
    const running = await startTestHost(tempDir(), { agent: new CountingAgent() });
    cleanups.push(() => running.close());
    const client = socketClient(running.host.port, running.host.token);
    cleanups.push(client.close);
    const session = await client.api.sessions.create();
    const weekday = await client.api.recalls.preview({ text: 'every weekday at 8:30', timeZone: 'Asia/Tokyo' });
    expect(weekday).toMatchObject({
      problem: null,
      schedule: { kind: 'cron', expression: '30 8 * * 1-5', timeZone: 'Asia/Tokyo' },
      words: 'At 08:30 AM, Monday through Friday (Asia/Tokyo)',
    });
    expect(weekday.nextRuns).toHaveLength(5);
    for (const run of weekday.nextRuns) {
      const local = new Date(run + 9 * 3_600_000);
      expect([local.getUTCHours(), local.getUTCMinutes()]).toEqual([8, 30]);
      expect([1, 2, 3, 4, 5]).toContain(local.getUTCDay());
    }
    // A bad one is an answer, not an error.
    expect(await client.api.recalls.preview({ text: '0 0 31 2 *', timeZone: 'UTC', as: 'cron' })).toMatchObject({
      problem: 'Not a valid expression: it can never run, because February never has a day 31.',
      nextRuns: [],
    });
    const created = await client.api.recalls.create({
      sessionId: session.id,
      when: { text: 'in 2 hours', timeZone: 'UTC' },
      message: 'Check the deploy',
    });
    expect(created).toMatchObject({ kind: 'once', scheduleWords: expect.stringMatching(/^Once, at /) });
    expect(created.nextRunAt! - Date.now()).toBeGreaterThan(2 * 3_600_000 - 60_000);
    await expect(
      client.api.recalls.create({
        sessionId: session.id,
        when: { text: 'in 2 hours', timeZone: 'UTC' },
        schedule: { kind: 'interval', everySeconds: 3600 },
        message: 'x',
      }),
    ).rejects.toMatchObject({ message: 'Give either a schedule or when to run in words, not both.' });
  });
});
