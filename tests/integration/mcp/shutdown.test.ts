import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { everythingStdio, fixture, isAlive, useMcpHarness } from './harness';

const harness = useMcpHarness();

async function pidsFrom(file: string): Promise<{ server: number; grandchild: number }> {
  await vi.waitFor(() => expect(existsSync(file)).toBe(true));
  return JSON.parse(readFileSync(file, 'utf8')) as { server: number; grandchild: number };
}

describe('shutting down', () => {
  it('leaves no orphans: every server and every process it started is gone once dispose resolves', async () => {
    const h = harness({ tuning: { graceMs: 300 } });
    const politeFile = join(h.dir, 'polite.json');
    const stubbornFile = join(h.dir, 'stubborn.json');
    const everything = await h.api.add(everythingStdio());
    const polite = await h.api.add({
      transport: 'stdio',
      name: 'polite',
      command: process.execPath,
      args: [fixture('scriptedServer.mjs'), '--pid-file', politeFile],
    });
    // Ignores stdin closing and SIGTERM, and so does the process it started: only SIGKILL ends them.
    const stubborn = await h.api.add({
      transport: 'stdio',
      name: 'stubborn',
      command: process.execPath,
      args: [fixture('scriptedServer.mjs'), '--stubborn', '--pid-file', stubbornFile],
    });
    for (const server of [everything, polite, stubborn]) {
      await h.waitForStatus(server.id, (status) => status.state === 'connected');
    }
    const politePids = await pidsFrom(politeFile);
    const stubbornPids = await pidsFrom(stubbornFile);
    expect(h.runtime.manager.pid(polite.id)).toBe(politePids.server);
    const pids = [
      h.runtime.manager.pid(everything.id)!,
      politePids.server,
      politePids.grandchild,
      stubbornPids.server,
      stubbornPids.grandchild,
    ];
    for (const pid of pids) expect(isAlive(pid)).toBe(true);

    const started = Date.now();
    await h.close();
    const took = Date.now() - started;

    for (const pid of pids) expect(isAlive(pid), `pid ${pid}`).toBe(false);
    // stdin closed, then SIGTERM, then SIGKILL: two grace periods for the stubborn one, not more.
    expect(took).toBeLessThan(3_000);
  });

  it('ends a server still in its handshake at once instead of waiting for the connect timeout', async () => {
    const h = harness({ tuning: { graceMs: 200, connectTimeoutMs: 60_000 } });
    const pidFile = join(h.dir, 'silent.pid');
    const script = `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    const server = await h.api.add({
      transport: 'stdio',
      name: 'silent',
      command: process.execPath,
      args: ['-e', script],
    });
    await vi.waitFor(() => expect(existsSync(pidFile)).toBe(true));
    expect(h.runtime.manager.status(server.id)?.state).toBe('connecting');
    const pid = Number(readFileSync(pidFile, 'utf8'));

    const started = Date.now();
    await h.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(isAlive(pid)).toBe(false);
  });

  it('removing a server ends its process', async () => {
    const h = harness();
    const server = await h.api.add(everythingStdio());
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    const pid = h.runtime.manager.pid(server.id)!;
    expect(await h.api.remove({ id: server.id })).toEqual({ removed: true });
    expect(h.tools.list()).toEqual([]);
    await vi.waitFor(() => expect(isAlive(pid)).toBe(false), { timeout: 5_000 });
    expect(await h.api.list()).toEqual([]);
  });

  it('killAllNow kills every server synchronously (last resort when the app exits)', async () => {
    const h = harness();
    const pidFile = join(h.dir, 'stubborn.json');
    const server = await h.api.add({
      transport: 'stdio',
      name: 'stubborn',
      command: process.execPath,
      args: [fixture('scriptedServer.mjs'), '--stubborn', '--pid-file', pidFile],
    });
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    const pids = await pidsFrom(pidFile);
    h.runtime.manager.killAllNow();
    await vi.waitFor(() => {
      expect(isAlive(pids.server)).toBe(false);
      expect(isAlive(pids.grandchild)).toBe(false);
    });
  });
});
