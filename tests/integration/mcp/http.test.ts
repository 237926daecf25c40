import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { callContext, EVERYTHING, useMcpHarness } from './harness';

const harness = useMcpHarness();
const servers: ChildProcess[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) server.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts server-everything over HTTP on a free port; resolves once it listens. */
async function startEverything(mode: 'streamableHttp' | 'sse'): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING, mode], {
    env: { PATH: process.env.PATH, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  servers.push(child);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      output += text;
      if (new RegExp(`port ${port}`).test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server-everything exited with ${code}: ${output}`)));
  });
  return { port, child };
}

describe('MCP over HTTP with @modelcontextprotocol/server-everything', () => {
  it('connects over Streamable HTTP, lists tools and calls echo and get-sum', async () => {
    const { port } = await startEverything('streamableHttp');
    const h = harness();
    const server = await h.api.add({
      transport: 'http',
      name: 'remote',
      url: `http://127.0.0.1:${port}/mcp`,
      headers: [{ name: 'X-Navi-Test', value: 'not-a-real-token' }],
    });
    const connected = await h.waitForStatus(server.id, (status) => status.state === 'connected');
    expect(connected.toolCount).toBeGreaterThanOrEqual(10);
    expect(await h.tools.execute('mcp__remote__echo', { message: 'over http' }, callContext())).toEqual({
      output: 'Echo: over http',
      isError: false,
    });
    expect((await h.tools.execute('mcp__remote__get-sum', { a: 1, b: 2 }, callContext())).output).toBe(
      'The sum of 1 and 2 is 3.',
    );

    // Stop works over HTTP too.
    const controller = new AbortController();
    const started = Date.now();
    const call = h.tools.execute(
      'mcp__remote__trigger-long-running-operation',
      { duration: 30, steps: 30 },
      callContext({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(new Error('stopped')), 300);
    await expect(call).rejects.toThrow('stopped');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('falls back to the older HTTP+SSE transport when the server does not speak Streamable HTTP', async () => {
    const { port } = await startEverything('sse');
    const h = harness();
    const server = await h.api.add({ transport: 'http', name: 'legacy', url: `http://127.0.0.1:${port}/sse` });
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    expect((await h.tools.execute('mcp__legacy__echo', { message: 'old school' }, callContext())).output).toBe(
      'Echo: old school',
    );
  });

  it('explains a server that cannot be reached, and one that went away while connected', async () => {
    const port = await freePort();
    const h = harness({ tuning: { backoff: { initialMs: 60_000 } } });
    const unreachable = await h.api.add({ transport: 'http', name: 'nowhere', url: `http://127.0.0.1:${port}/mcp` });
    const status = await h.waitForStatus(unreachable.id, (candidate) => candidate.state === 'error');
    expect(status.error).toBe(
      `Could not reach http://127.0.0.1:${port}/mcp: the connection was refused. Is the server running?`,
    );

    const { port: livePort, child } = await startEverything('streamableHttp');
    const remote = await h.api.add({ transport: 'http', name: 'remote', url: `http://127.0.0.1:${livePort}/mcp` });
    await h.waitForStatus(remote.id, (candidate) => candidate.state === 'connected');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const outcome = await h.tools.execute('mcp__remote__echo', { message: 'anyone?' }, callContext());
    expect(outcome).toEqual({
      isError: true,
      output: 'The MCP server "remote" could not be reached while running "echo".',
    });
    const lost = await h.waitForStatus(remote.id, (candidate) => candidate.state === 'error');
    expect(lost.error).toBe('The connection to the server was lost.');
    expect(lost.retryAt).not.toBeNull();
  });
});
