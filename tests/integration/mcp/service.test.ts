import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../helpers/manualClock';
import { McpStatusChangedEvent, type McpConfigChange } from '../../../src/shared/contract/mcp';
import { RpcError } from '../../../src/shared/rpc';
import { everythingStdio, useMcpHarness } from './harness';

const harness = useMcpHarness();

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

describe('the mcp service (through the RPC layer)', () => {
  it('imports the valid entries and reports each invalid one by name', async () => {
    const h = harness({ clock: new ManualClock() });
    await h.api.add({ ...everythingStdio('taken'), enabled: false });
    const result = await h.api.importJson({
      json: JSON.stringify({
        mcpServers: {
          files: { command: 'node', args: ['files.js'], disabled: true },
          remote: {
            url: 'https://mcp.example.com/mcp',
            headers: { Authorization: 'Bearer ${API_TOKEN}' },
            disabled: true,
          },
          broken: { args: ['x'] },
          TAKEN: { command: 'x', disabled: true },
          'taken!': { command: 'x', disabled: true },
        },
      }),
    });
    expect(result.added.map((server) => [server.name, server.transport, server.status.state])).toEqual([
      ['files', 'stdio', 'disabled'],
      ['remote', 'http', 'disabled'],
    ]);
    expect(result.added[1]!.headers).toEqual([
      { name: 'Authorization', source: 'environment', reference: 'Bearer ${API_TOKEN}', missing: true },
    ]);
    expect(result.errors).toEqual([
      {
        entry: 'broken',
        message: '"broken": Needs "command" (a program Navi starts) or "url" (a server Navi reaches over HTTP)',
      },
      { entry: 'TAKEN', message: '"TAKEN": An MCP server named "taken" already exists' },
      {
        entry: 'taken!',
        message:
          '"taken!": The name "taken!" is too close to the server "taken": names must differ in more than case and punctuation, because the agent tells servers\' tools apart by them',
      },
    ]);
    expect((await h.api.list()).map((server) => server.name)).toEqual(['taken', 'files', 'remote']);
  });

  it('refuses text that is not an mcpServers file as a whole', async () => {
    const h = harness();
    const error = await rejection(h.api.importJson({ json: '{"github": {"command": "npx"}}' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^Expected an object with "mcpServers"/);
  });

  it('validates inputs with messages a person can read', async () => {
    const h = harness();
    const badUrl = await rejection(h.api.add({ transport: 'http', name: 'r', url: 'localhost:3001/mcp' }));
    expect(badUrl.message).toMatch(/url: The URL must start with http:\/\/ or https:\/\//);
    const duplicate = await rejection(
      h.api.add({
        transport: 'stdio',
        name: 'x',
        command: 'npx',
        env: [
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ],
      }),
    );
    expect(duplicate.message).toMatch(/Each environment variable may appear only once/);
    const missing = await rejection(h.api.setEnabled({ id: 'nope', enabled: true }));
    expect(missing).toMatchObject({ code: 'not_found', message: 'That MCP server no longer exists' });
  });

  it('tells every window about settings changes, and publishes statuses that match the app event schema', async () => {
    const h = harness({ clock: new ManualClock() });
    const changes: McpConfigChange[] = [];
    const subscription = h.api.onChanged(undefined, (change) => changes.push(change));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const server = await h.api.add({ ...everythingStdio(), enabled: false });
    await h.api.setEnabled({ id: server.id, enabled: true });
    await h.waitForStatus(server.id, (status) => status.state === 'connected');
    await h.api.remove({ id: server.id });
    await new Promise((resolve) => setTimeout(resolve, 10));
    subscription.dispose();
    expect(changes).toEqual([
      { kind: 'added', serverId: server.id },
      { kind: 'updated', serverId: server.id },
      { kind: 'removed', serverId: server.id },
    ]);
    expect(h.statusesOf(server.id).map((status) => status.state)).toEqual(['disabled', 'connecting', 'connected']);
    for (const status of h.statuses) {
      expect(McpStatusChangedEvent.safeParse({ type: 'mcp-status', server: status }).success).toBe(true);
    }
  });
});
