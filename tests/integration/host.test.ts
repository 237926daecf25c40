import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../src/shared/rpc';
import { handshakeStatus, startTestHost, type TestHost } from '../helpers/host';
import { socketClient } from '../helpers/socketClient';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const hosts: TestHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function start(options: { port?: number; token?: string } = {}, dataDir = tempDir()) {
  const running = Object.assign(await startTestHost(dataDir, options), { dataDir });
  hosts.push(running);
  return running;
}

describe('browser host', () => {
  it('answers app.info over a real WebSocket with the database it opened', async () => {
    const { host, dataDir } = await start();
    const { client, close } = socketClient(host.port, host.token);
    try {
      const info = await client.api.app.info();
      expect(info).toMatchObject({
        name: 'Navi',
        version: '0.0.0-test',
        dataDir,
        databaseFile: join(dataDir, 'navi.db'),
        shell: 'browser',
      });
      expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
      // The browser host serves its own shell preferences: no tray, no login items.
      expect(await client.api.shell.get()).toMatchObject({
        supports: { runInBackground: false, launchAtLogin: false },
      });
    } finally {
      close();
    }
  });

  it('answers a bad request over the socket with a validation error and keeps the connection', async () => {
    const { host } = await start();
    const { client, close } = socketClient(host.port, host.token);
    try {
      const error = await (client.api.app.info as (input: unknown) => Promise<unknown>)({ surprise: true }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RpcError);
      expect(error).toMatchObject({ code: 'invalid_request' });
      await expect(client.api.app.info()).resolves.toMatchObject({ name: 'Navi' });
    } finally {
      close();
    }
  });

  it('refuses HTTP without the token or with a wrong one, and serves the page with it', async () => {
    const { host } = await start();
    const base = `http://127.0.0.1:${host.port}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base}/assets/x.js`)).status).toBe(401);
    const page = await fetch(`${base}/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    // The cookie from the first visit authenticates later requests without the query.
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${base}/session/abc`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base}/../../etc/passwd`, { headers: { cookie } })).status).not.toBe(500);
  });

  it('refuses a WebSocket without the token, with a wrong one, or from a foreign Origin', async () => {
    const { host } = await start();
    const url = `ws://127.0.0.1:${host.port}/rpc`;
    const ownOrigin = `http://127.0.0.1:${host.port}`;
    expect(await handshakeStatus(`${url}?token=${host.token}`, ownOrigin)).toBe(101);
    expect(await handshakeStatus(url, ownOrigin)).toBe(401);
    expect(await handshakeStatus(`${url}?token=nope`, ownOrigin)).toBe(401);
    expect(await handshakeStatus(`${url}?token=${host.token}`, 'https://evil.example')).toBe(403);
    expect(await handshakeStatus(`${url}?token=${host.token}`, undefined)).toBe(403);
    expect(await handshakeStatus(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, ownOrigin)).toBe(404);
  });

  it('makes a new random token on every start', async () => {
    const a = await start();
    const b = await start();
    expect(a.host.token).not.toBe(b.host.token);
    expect(a.host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('reconnects after the host restarts on the same port and fails calls made while it was down', async () => {
    const first = await start({ token: 'fixed-token-for-restart-test-0123456789' });
    const { port, token } = first.host;
    const { client, transport, close } = socketClient(port, token);
    try {
      await client.api.app.info();
      const states: string[] = [];
      transport.onConnectionChange((state) => states.push(state));
      await first.close();
      hosts.splice(hosts.indexOf(first), 1);
      await expect.poll(() => transport.state).toBe('closed');
      await expect(client.api.app.info()).rejects.toMatchObject({ code: 'disconnected' });
      await start({ port, token }, first.dataDir);
      await expect.poll(() => transport.state, { timeout: 5000 }).toBe('open');
      await expect(client.api.app.info()).resolves.toMatchObject({ name: 'Navi' });
      expect(states).toContain('closed');
      expect(states.at(-1)).toBe('open');
    } finally {
      close();
    }
  });
});
