import { describe, expect, it } from 'vitest';
import { McpToolOutput } from '../../../src/shared/contract/mcp';
import { callContext, everythingStdio, fixture, useMcpHarness } from './harness';

const harness = useMcpHarness();

describe('MCP over stdio with @modelcontextprotocol/server-everything', () => {
  it('connects, lists the tools namespaced and provider-safe, and calls echo and get-sum through the ToolRegistry', async () => {
    const h = harness();
    const server = await h.api.add(everythingStdio());
    expect(server.status.state).toBe('connecting');
    const connected = await h.waitForStatus(server.id, (status) => status.state === 'connected');
    expect(connected.toolCount).toBeGreaterThanOrEqual(10);
    expect(connected.error).toBeNull();

    const names = h.tools.list().map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['mcp__everything__echo', 'mcp__everything__get-sum']));
    for (const name of names) expect(name).toMatch(/^mcp__everything__[a-zA-Z0-9_-]{1,46}$/);

    const listed = await h.api.listTools({ id: server.id });
    const echo = listed.find((tool) => tool.name === 'echo');
    expect(echo).toMatchObject({ agentName: 'mcp__everything__echo', enabled: true });
    expect(echo?.description).toMatch(/echo/i);
    // The server's JSON Schema reaches the agent unchanged.
    const schema = await (h.tools.get('mcp__everything__get-sum')!.inputSchema as { jsonSchema: unknown }).jsonSchema;
    expect(schema).toMatchObject({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } });

    expect(await h.tools.execute('mcp__everything__echo', { message: 'hello' }, callContext())).toEqual({
      output: 'Echo: hello',
      isError: false,
    });
    expect(await h.tools.execute('mcp__everything__get-sum', { a: 2, b: 40 }, callContext())).toEqual({
      output: 'The sum of 2 and 40 is 42.',
      isError: false,
    });
  });

  it('keeps images as {type: "image", mimeType, data} entries in the output', async () => {
    const h = harness();
    const server = await h.api.add(everythingStdio());
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    const outcome = await h.tools.execute('mcp__everything__get-tiny-image', {}, callContext());
    expect(outcome.isError).toBe(false);
    const output = McpToolOutput.parse(outcome.output);
    const image = output.content.find((item) => item.type === 'image');
    expect(image).toMatchObject({ type: 'image', mimeType: 'image/png' });
    expect(image && 'data' in image && Buffer.from(image.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(output.content.some((item) => item.type === 'text')).toBe(true);
  });

  it('stops a long-running tool promptly when the run is stopped', async () => {
    const h = harness();
    const server = await h.api.add(everythingStdio());
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    const controller = new AbortController();
    const stopReason = new Error('stopped by the user');
    const started = Date.now();
    const call = h.tools.execute(
      'mcp__everything__trigger-long-running-operation',
      { duration: 30, steps: 30 },
      callContext({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(stopReason), 300);
    await expect(call).rejects.toBe(stopReason);
    expect(Date.now() - started).toBeLessThan(2_000);
    // The server is still usable afterwards.
    expect((await h.tools.execute('mcp__everything__echo', { message: 'still here' }, callContext())).output).toBe(
      'Echo: still here',
    );
  });

  it('fails a call that takes longer than the timeout with a readable error', async () => {
    const h = harness({ tuning: { callTimeoutMs: 400 } });
    const server = await h.api.add({
      transport: 'stdio',
      name: 'scripted',
      command: process.execPath,
      args: [fixture('scriptedServer.mjs')],
    });
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    const started = Date.now();
    const outcome = await h.tools.execute('mcp__scripted__hang', {}, callContext());
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(outcome).toEqual({
      isError: true,
      output: expect.stringMatching(/^The tool "hang" of the MCP server "scripted" did not finish within 400 ms/),
    });
    expect(outcome.output).toMatch(/Navi stopped waiting/);
  });

  it("reports a tool's isError result as a failed call with the server's words", async () => {
    const h = harness();
    const server = await h.api.add({
      transport: 'stdio',
      name: 'scripted',
      command: process.execPath,
      args: [fixture('scriptedServer.mjs')],
    });
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    expect(await h.tools.execute('mcp__scripted__fail', {}, callContext())).toEqual({
      output: 'The widget is jammed',
      isError: true,
    });
  });

  it('turns single tools off and on without reconnecting', async () => {
    const h = harness();
    const server = await h.api.add(everythingStdio());
    const connected = await h.waitForStatus(server.id, (status) => status.state === 'connected');
    const pid = h.runtime.manager.pid(server.id);

    const updated = await h.api.setToolEnabled({ id: server.id, tool: 'echo', enabled: false });
    expect(updated.disabledTools).toEqual(['echo']);
    expect(updated.status.toolCount).toBe(connected.toolCount - 1);
    expect(h.tools.has('mcp__everything__echo')).toBe(false);
    expect(h.tools.has('mcp__everything__get-sum')).toBe(true);
    expect((await h.api.listTools({ id: server.id })).find((tool) => tool.name === 'echo')?.enabled).toBe(false);
    expect(h.runtime.manager.pid(server.id)).toBe(pid);

    await h.api.setToolEnabled({ id: server.id, tool: 'echo', enabled: true });
    expect(h.tools.has('mcp__everything__echo')).toBe(true);
    expect(h.runtime.manager.pid(server.id)).toBe(pid);
  });

  it('offers tools a server adds later (notifications/tools/list_changed)', async () => {
    const h = harness();
    const server = await h.api.add({
      transport: 'stdio',
      name: 'scripted',
      command: process.execPath,
      args: [fixture('scriptedServer.mjs')],
    });
    const before = await h.waitForStatus(server.id, (status) => status.state === 'connected');
    expect(h.tools.has('mcp__scripted__late_tool')).toBe(false);
    await h.tools.execute('mcp__scripted__add_tool', {}, callContext());
    await h.waitForStatus(server.id, (status) => status.toolCount === before.toolCount + 1);
    expect((await h.tools.execute('mcp__scripted__late_tool', {}, callContext())).output).toBe('late');
  });

  it('disables and enables a server: tools withdrawn, process ended, then back', async () => {
    const h = harness();
    const server = await h.api.add(everythingStdio());
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    const disabled = await h.api.setEnabled({ id: server.id, enabled: false });
    expect(disabled.status).toMatchObject({ state: 'disabled', toolCount: 0 });
    expect(h.tools.list().filter((tool) => tool.name.startsWith('mcp__'))).toEqual([]);
    expect(await h.tools.execute('mcp__everything__echo', { message: 'x' }, callContext())).toMatchObject({
      isError: true,
    });

    await h.api.setEnabled({ id: server.id, enabled: true });
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    expect(h.tools.has('mcp__everything__echo')).toBe(true);
  });

  it('namespaces two servers so their tools never collide, and renames follow the server name', async () => {
    const h = harness();
    const one = await h.api.add(everythingStdio('Everything One'));
    const two = await h.api.add(everythingStdio('everything.two'));
    await h.waitForStatus(one.id, (status) => status.state === 'connected');
    await h.waitForStatus(two.id, (status) => status.state === 'connected');
    expect(h.tools.has('mcp__everything_one__echo')).toBe(true);
    expect(h.tools.has('mcp__everything_two__echo')).toBe(true);

    await h.api.update({ ...everythingStdio('Renamed'), id: two.id });
    await h.waitForStatus(two.id, (status) => status.state === 'connected');
    expect(h.tools.has('mcp__renamed__echo')).toBe(true);
    expect(h.tools.has('mcp__everything_two__echo')).toBe(false);
  });
});
