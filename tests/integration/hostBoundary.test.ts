import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_CONNECTIONS, MAX_FRAME_BYTES, MAX_REQUEST_TARGET_CHARS } from '../../src/shared/contract/limits';
import { recordingLogger, startTestHost, type TestHost } from '../helpers/host';
import {
  closeFrame,
  frame,
  getRequest,
  openRawWebSocket,
  rawExchange,
  statusOf,
  textFrame,
  upgradeRequest,
} from '../helpers/rawSocket';
import { socketClient } from '../helpers/socketClient';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const hosts: TestHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function start() {
  const logger = recordingLogger();
  const running = await startTestHost(tempDir(), { logger });
  hosts.push(running);
  return Object.assign(running, { logger });
}

/** The host still does its job: a real client gets an answer. */
async function expectServing(host: TestHost): Promise<void> {
  const { client, close } = socketClient(host.host.port, host.host.token);
  try {
    await expect(client.api.app.info()).resolves.toMatchObject({ name: 'Navi' });
  } finally {
    close();
  }
}

/** Request targets that once threw (URIError, Invalid URL) before authentication and ended the host. */
const UNREADABLE_TARGETS = ['//[', 'http://[', 'http://a:99999/', 'http://127.0.0.1/', '/\\[', '/\\evil.example/', '*'];

describe('browser host: HTTP requests are parsed in one guarded path', () => {
  it('answers unreadable request targets with 400, for pages and for WebSocket upgrades alike', async () => {
    const running = await start();
    const { port, token } = running.host;
    for (const target of UNREADABLE_TARGETS) {
      expect(statusOf(await rawExchange(port, getRequest(target))), `GET ${target}`).toBe(400);
      expect(statusOf(await rawExchange(port, upgradeRequest(target, port))), `upgrade ${target}`).toBe(400);
      // With a valid token too: parsing comes before anything else.
      const withToken = `${target}?token=${token}`;
      expect(statusOf(await rawExchange(port, getRequest(withToken))), `GET ${withToken}`).toBe(400);
    }
    await expectServing(running);
  });

  it('ignores a cookie with broken percent-encoding instead of throwing over it', async () => {
    const running = await start();
    const { port, token, cookieName } = running.host;
    for (const value of ['%', '%E0%A4%A', '%zz', '']) {
      const cookie = `${cookieName}=${value}; other=%`;
      expect(statusOf(await rawExchange(port, getRequest('/', { Cookie: cookie }))), cookie).toBe(401);
      expect(statusOf(await rawExchange(port, getRequest(`/?token=${token}`, { Cookie: cookie })))).toBe(200);
      expect(statusOf(await rawExchange(port, upgradeRequest('/rpc', port, { Cookie: cookie })))).toBe(401);
      expect(statusOf(await rawExchange(port, upgradeRequest(`/rpc?token=${token}`, port, { Cookie: cookie })))).toBe(
        101,
      );
    }
    // A planted cookie beside the real one does not shadow it.
    const both = `${cookieName}=%; ${cookieName}=${encodeURIComponent(token)}`;
    expect(statusOf(await rawExchange(port, getRequest('/', { Cookie: both })))).toBe(200);
    await expectServing(running);
  });

  it('refuses over-long targets and headers, broken request lines and other methods with a status', async () => {
    const running = await start();
    const { port, token } = running.host;
    const long = `/?token=${token}&pad=${'a'.repeat(MAX_REQUEST_TARGET_CHARS)}`;
    expect(statusOf(await rawExchange(port, getRequest(long)))).toBe(414);
    expect(statusOf(await rawExchange(port, getRequest('/', { 'X-Pad': 'a'.repeat(20_000) })))).toBe(431);
    expect(statusOf(await rawExchange(port, 'BREW / HTCPCP/1.0\r\n\r\n'))).toBe(400);
    expect(statusOf(await rawExchange(port, '\x00\x01\x02\r\n\r\n'))).toBe(400);
    expect(statusOf(await rawExchange(port, getRequest('/%', {})))).toBe(401);
    expect(statusOf(await rawExchange(port, getRequest(`/%?token=${token}`)))).toBe(200);
    const post = `POST /?token=${token} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi`;
    expect(statusOf(await rawExchange(port, post))).toBe(405);
    await expectServing(running);
  });
});

describe('browser host: connections', () => {
  it(`answers 503 to an upgrade past ${MAX_CONNECTIONS} open connections, and takes one again once one closes`, async () => {
    const running = await start();
    const { port, token } = running.host;
    const open = await Promise.all(
      Array.from({ length: MAX_CONNECTIONS }, () => openRawWebSocket(port, `/rpc?token=${token}`)),
    );
    try {
      expect(running.host.connections()).toBe(MAX_CONNECTIONS);
      expect(statusOf(await rawExchange(port, upgradeRequest(`/rpc?token=${token}`, port)))).toBe(503);
      open.pop()!.socket.destroy();
      await expect.poll(() => running.host.connections()).toBe(MAX_CONNECTIONS - 1);
      expect(statusOf(await rawExchange(port, upgradeRequest(`/rpc?token=${token}`, port)))).toBe(101);
    } finally {
      for (const raw of open) raw.socket.destroy();
    }
  });
});

describe('browser host: a malformed WebSocket frame closes that socket only', () => {
  const badFrames: { name: string; bytes: () => Buffer; code: number }[] = [
    {
      name: 'an unmasked client frame',
      bytes: () => frame({ opcode: 0x1, payload: Buffer.from('{}'), masked: false }),
      code: 1002,
    },
    {
      name: 'RSV1 without an extension',
      bytes: () => frame({ opcode: 0x1, payload: Buffer.from('{}'), rsv: 0b100 }),
      code: 1002,
    },
    { name: 'RSV2 and RSV3', bytes: () => frame({ opcode: 0x1, payload: Buffer.from('{}'), rsv: 0b011 }), code: 1002 },
    { name: 'a reserved opcode', bytes: () => frame({ opcode: 0x3, payload: Buffer.from('x') }), code: 1002 },
    { name: 'a reserved control opcode', bytes: () => frame({ opcode: 0xb }), code: 1002 },
    { name: 'an invalid close code', bytes: () => closeFrame(999), code: 1002 },
    { name: 'a close code reserved for no-status', bytes: () => closeFrame(1005), code: 1002 },
    { name: 'a fragmented control frame', bytes: () => frame({ opcode: 0x9, fin: false }), code: 1002 },
    {
      name: 'invalid UTF-8 in a text frame',
      bytes: () => frame({ opcode: 0x1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }),
      code: 1007,
    },
    {
      name: 'a frame over the size limit',
      bytes: () => frame({ opcode: 0x1, payload: Buffer.from('{'), declaredLength: MAX_FRAME_BYTES + 1 }),
      code: 1009,
    },
  ];

  it.each(badFrames)('$name gets close code $code; other connections carry on', async ({ bytes, code }) => {
    const running = await start();
    const { port, token } = running.host;
    const bystander = socketClient(port, token);
    try {
      await bystander.api.app.info();
      const raw = await openRawWebSocket(port, `/rpc?token=${token}`);
      raw.send(bytes());
      expect(await raw.closed).toBe(code);
      await expect(bystander.api.app.info()).resolves.toMatchObject({ name: 'Navi' });
      await expect.poll(() => running.host.connections()).toBe(1);
      // Logged in one line, not as a stack trace.
      const logged = running.logger.lines.filter((line) => line.includes('after a bad frame'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).not.toMatch(/\n\s+at /);
    } finally {
      bystander.close();
    }
  });

  it('refuses a message over the limit split across fragments, and a 17 MB paste from a real client', async () => {
    const running = await start();
    const { port, token } = running.host;
    const raw = await openRawWebSocket(port, `/rpc?token=${token}`);
    const half = Buffer.alloc(MAX_FRAME_BYTES / 2 + 1, 0x61);
    raw.send(frame({ opcode: 0x1, payload: half, fin: false }));
    raw.send(frame({ opcode: 0x0, payload: half, fin: true }));
    expect(await raw.closed).toBe(1009);

    const socket = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { origin: `http://127.0.0.1:${port}` });
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(JSON.stringify({ t: 'call', id: 1, service: 'chat', name: 'send', input: { text: 'x'.repeat(17e6) } }));
    expect(await closed).toBe(1009);
    await expectServing(running);
  });

  it('answers well-framed garbage with protocol errors and logs a flood of id-less messages once', async () => {
    const running = await start();
    const { port, token } = running.host;
    const raw = await openRawWebSocket(port, `/rpc?token=${token}`);
    for (let i = 0; i < 500; i++) raw.send(textFrame(JSON.stringify({ t: 'call', id: `x${i}`, service: 'app' })));
    raw.send(textFrame('not json'));
    raw.send(textFrame(JSON.stringify({ t: 'call', id: 7, service: 'nope', name: 'nope' })));
    await expect.poll(() => raw.texts.length).toBe(1);
    expect(JSON.parse(raw.texts[0]!)).toMatchObject({ t: 'error', id: 7, error: { code: 'unknown_method' } });
    raw.socket.destroy();
    await expect.poll(() => running.host.connections()).toBe(0);
    const lines = running.logger.lines;
    expect(lines.filter((line) => line.includes('without a valid id'))).toHaveLength(1);
    expect(lines.join('\n').length).toBeLessThan(1000);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });
});
