import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_QUEUED_BYTES_PER_CONNECTION, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../src/shared/contract/limits';
import { recordingLogger, startTestHost, type TestHost } from '../helpers/host';
import { socketClient } from '../helpers/socketClient';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const hosts: TestHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

/** A raw client that asks for thousands of live updates, reads the refusals, then stops reading. */
async function greedyClient(port: number, token: string, listens: number) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { origin: `http://127.0.0.1:${port}` });
  await new Promise((resolve) => socket.once('open', resolve));
  const ends: { id: number; error?: { code: string; message: string } }[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { t: string; id: number; error?: { code: string; message: string } };
    if (message.t === 'end') ends.push(message);
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  for (let id = 1; id <= listens; id++)
    socket.send(JSON.stringify({ t: 'listen', id, service: 'events', name: 'onAppEvent' }));
  return {
    ends,
    closed,
    /** From now on the host's frames pile up: first in the kernel's buffers, then in the host's. */
    stopReading: () => (socket as unknown as { _socket: Socket })._socket.pause(),
    /** A paused socket does not even notice that the host closed it. */
    readAgain: () => (socket as unknown as { _socket: Socket })._socket.resume(),
    terminate: () => socket.terminate(),
  };
}

describe('browser host: a client that stops reading', () => {
  it('holds at most the subscription cap, is dropped before its queue passes the limit, and nobody else notices', async () => {
    const logger = recordingLogger();
    const running = await startTestHost(tempDir(), { logger });
    hosts.push(running);
    const { port, token } = running.host;
    const greedy = await greedyClient(port, token, 3000);
    // Everything past the cap is refused, each with a readable reason.
    await expect.poll(() => greedy.ends.length, { timeout: 15_000 }).toBe(3000 - MAX_SUBSCRIPTIONS_PER_CONNECTION);
    expect(greedy.ends[0]!.error).toEqual({
      code: 'busy',
      message: `Too many live updates on one connection: at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION}`,
    });
    expect(running.host.stats().subscriptions).toBe(MAX_SUBSCRIPTIONS_PER_CONNECTION);
    greedy.stopReading();

    // A well-behaved window makes app events; each goes to every one of the greedy client's subscriptions.
    const window = socketClient(port, token);
    try {
      let mostQueued = 0;
      let dropped = false;
      for (let i = 0; i < 2000 && !dropped; i++) {
        await window.api.sessions.create({ title: `Conversation ${i} ${'x'.repeat(150)}` });
        const stats = running.host.stats();
        mostQueued = Math.max(mostQueued, stats.queuedBytes);
        dropped = stats.connections === 1;
      }
      expect(dropped).toBe(true);
      greedy.readAgain();
      await greedy.closed;
      // One round of events past the limit at most (the check comes before each frame is queued).
      expect(mostQueued).toBeGreaterThan(MAX_QUEUED_BYTES_PER_CONNECTION / 2);
      expect(mostQueued).toBeLessThan(MAX_QUEUED_BYTES_PER_CONNECTION + 1024 * 1024);
      expect(running.host.stats()).toMatchObject({ connections: 1, subscriptions: 0, pendingCalls: 0 });
      expect(logger.lines.filter((line) => line.includes('it stopped reading'))).toHaveLength(1);
      await expect(window.api.sessions.list()).resolves.not.toHaveLength(0);
    } finally {
      window.close();
      greedy.terminate();
    }
  });
});
