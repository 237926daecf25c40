import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../helpers/manualClock';
import { callContext, everythingStdio, fixture, isAlive, useMcpHarness } from './harness';

const harness = useMcpHarness();
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0);

describe('a server that crashes at start-up', () => {
  it('shows a readable reason with the stderr tail and retries with growing delays, never in a tight loop', async () => {
    const clock = new ManualClock();
    const h = harness({ clock, tuning: { backoff: { initialMs: 1_000, factor: 2, maxMs: 16_000 } } });
    const startsFile = join(h.dir, 'starts.log');
    const started = clock.now();
    const server = await h.api.add({
      transport: 'stdio',
      name: 'broken',
      command: process.execPath,
      args: [fixture('crashAtStartup.mjs'), startsFile],
    });

    const first = await h.waitForStatus(server.id, (status) => status.state === 'error');
    expect(first).toMatchObject({
      state: 'error',
      error: 'The server exited with code 3 during start-up.',
      toolCount: 0,
      failures: 1,
      retryAt: started + 1_000,
    });
    expect(first.stderrTail).toEqual([
      'Starting the demo server…',
      'Error: DEMO_API_TOKEN is not set',
      '    at start (server.js:12:11)',
    ]);

    expect(lines(startsFile)).toBe(1);

    // Drive a fixed 60 s window of fake time, one retry timer at a time.
    const windowEnd = started + 60_000;
    const delays: number[] = [];
    let latest = first;
    while (latest.retryAt !== null && latest.retryAt <= windowEnd) {
      const delay = latest.retryAt - clock.now();
      delays.push(delay);
      const failures = latest.failures;
      clock.advance(delay);
      latest = await h.waitForStatus(
        server.id,
        (status) => status.state === 'error' && status.failures === failures + 1,
      );
      expect(latest.error).toBe('The server exited with code 3 during start-up.');
    }
    clock.advance(windowEnd - clock.now());

    // Starts at 0, 1, 3, 7, 15, 31 and 47 s; the next would be at 63 s.
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 16_000]);
    expect(lines(startsFile)).toBe(7);
    expect(latest.retryAt).toBe(started + 63_000);

    // "Reconnect" tries at once and starts the delays from the beginning.
    await h.api.reconnect({ id: server.id });
    const again = await h.waitForStatus(server.id, (status) => status.state === 'error' && status.failures === 1);
    expect(again.retryAt).toBe(clock.now() + 1_000);
    // Only the clock starts retries: all the real time this took (eight processes started and
    // exited) began no start beyond the eight the clock and the button asked for.
    expect(lines(startsFile)).toBe(8);
    expect(h.statusesOf(server.id).filter((status) => status.state === 'connecting')).toHaveLength(8);
  });

  it('says so when the command does not exist', async () => {
    const h = harness({ clock: new ManualClock() });
    const server = await h.api.add({ transport: 'stdio', name: 'missing', command: 'navi-no-such-command-4711' });
    const status = await h.waitForStatus(server.id, (candidate) => candidate.state === 'error');
    expect(status.error).toBe(
      'Could not start "navi-no-such-command-4711": the command was not found. Check the command and that it is on PATH.',
    );
  });

  it('reports a server that never answers the handshake after the connect timeout, and ends it', async () => {
    const h = harness({ clock: new ManualClock(), tuning: { connectTimeoutMs: 500 } });
    const pidFile = join(h.dir, 'silent.pid');
    const script = `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    const server = await h.api.add({
      transport: 'stdio',
      name: 'silent',
      command: process.execPath,
      args: ['-e', script],
    });
    const status = await h.waitForStatus(server.id, (candidate) => candidate.state === 'error');
    expect(status.error).toBe('The server did not answer the MCP handshake within 500 ms.');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => isAlive(pid), { timeout: 5_000 }).toBe(false);
  });
});

describe('a server killed while connected', () => {
  it('goes to error with the reason, withdraws its tools, then reconnects after the backoff', async () => {
    const clock = new ManualClock();
    const h = harness({ clock });
    const server = await h.api.add(everythingStdio());
    const connected = await h.waitForStatus(server.id, (status) => status.state === 'connected');
    const pid = h.runtime.manager.pid(server.id)!;
    expect(isAlive(pid)).toBe(true);

    process.kill(pid, 'SIGKILL');
    const error = await h.waitForStatus(server.id, (status) => status.state === 'error');
    expect(error).toMatchObject({ error: 'The server was stopped by SIGKILL.', toolCount: 0, failures: 1 });
    expect(error.retryAt).toBe(clock.now() + 1_000);
    expect(h.tools.has('mcp__everything__echo')).toBe(false);

    clock.advance(1_000);
    const back = await h.waitForStatus(server.id, (status) => status.state === 'connected');
    expect(back.toolCount).toBe(connected.toolCount);
    expect(back.failures).toBe(0);
    expect(h.runtime.manager.pid(server.id)).not.toBe(pid);
    expect((await h.tools.execute('mcp__everything__echo', { message: 'back' }, callContext())).output).toBe(
      'Echo: back',
    );
    expect(h.statusesOf(server.id).map((status) => status.state)).toEqual([
      'connecting',
      'connected',
      'error',
      'connecting',
      'connected',
    ]);
  });

  it('fails a call in flight with a readable error when the server dies under it', async () => {
    const h = harness({ clock: new ManualClock() });
    const server = await h.api.add({
      transport: 'stdio',
      name: 'scripted',
      command: process.execPath,
      args: [fixture('scriptedServer.mjs')],
    });
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    // `slow` reports progress once it is running, then waits: the kill comes while it is in flight.
    let running!: () => void;
    const inFlight = new Promise<void>((resolve) => (running = resolve));
    const interaction = { reportProgress: () => running(), elicit: () => new Promise<never>(() => {}) };
    const call = h.tools.execute('mcp__scripted__slow', {}, callContext({ interaction }));
    await inFlight;
    process.kill(h.runtime.manager.pid(server.id)!, 'SIGKILL');
    expect(await call).toEqual({ isError: true, output: 'The MCP server "scripted" stopped while running "slow".' });
  });
});
