import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../../src/core/mcp/backoff';
import { EMPTY_CATALOG, type McpCatalog } from '../../../src/core/mcp/mcpCatalog';
import type { McpConnection } from '../../../src/core/mcp/mcpConnection';
import { McpConfigurationError } from '../../../src/core/mcp/mcpErrors';
import type { StoredMcpServer } from '../../../src/core/mcp/mcpServerConfig';
import { McpServerSupervisor } from '../../../src/core/mcp/mcpServerSupervisor';
import { ToolRegistry } from '../../../src/core/tools/toolRegistry';
import type { McpServerStatus } from '../../../src/shared/contract/mcp';
import { Emitter } from '../../../src/shared/rpc';
import { ManualClock } from '../../helpers/manualClock';

const config: StoredMcpServer = {
  id: 's1',
  name: 'Fake',
  transport: 'stdio',
  command: 'fake',
  args: [],
  cwd: null,
  env: [],
  url: null,
  headers: [],
  enabled: true,
  disabledTools: [],
  createdAt: 0,
  updatedAt: 0,
};

const tool = (name: string): Tool => ({ name, inputSchema: { type: 'object' } });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

class FakeConnection implements McpConnection {
  readonly catalogChanged = new Emitter<McpCatalog>();
  readonly lostEmitter = new Emitter<string>();
  readonly onCatalogChanged = this.catalogChanged.event;
  readonly onLost = this.lostEmitter.event;
  readonly pid = 1234;
  catalog: McpCatalog;
  closed = false;
  constructor(tools: readonly Tool[]) {
    this.catalog = { ...EMPTY_CATALOG, tools };
  }
  /** The server listed new tools. */
  readonly toolsChanged = {
    fire: (tools: readonly Tool[]) => {
      this.catalog = { ...this.catalog, tools };
      this.catalogChanged.fire(this.catalog);
    },
  };
  callTool = async () => ({ content: [{ type: 'text' as const, text: 'ok' }] });
  getPrompt = async () => ({ messages: [] });
  readResource = async () => ({ contents: [] });
  close = async () => void (this.closed = true);
}

function setup(connect: () => Promise<McpConnection>, options: { resolveFails?: boolean } = {}) {
  const clock = new ManualClock();
  const tools = new ToolRegistry();
  const statuses: McpServerStatus[] = [];
  let attempts = 0;
  const supervisor = new McpServerSupervisor(config, {
    tools,
    clock,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    backoff: { ...DEFAULT_BACKOFF, initialMs: 1_000, maxMs: 60_000, stableAfterMs: 30_000 },
    callTimeoutMs: 1_000,
    resolve: async () => {
      if (options.resolveFails) throw new McpConfigurationError('TOKEN is not set');
      return { transport: 'stdio', id: 's1', name: 'Fake', command: 'fake', args: [], cwd: undefined, env: {} };
    },
    connect: () => {
      attempts++;
      return connect();
    },
    onStatus: (status) => statuses.push(status),
  });
  return { clock, tools, statuses, supervisor, attempts: () => attempts, latest: () => statuses.at(-1)! };
}

describe('McpServerSupervisor', () => {
  it('keeps growing the delay for a server that connects and drops again at once, and resets after a stable connection', async () => {
    const connections: FakeConnection[] = [];
    const s = setup(async () => {
      const connection = new FakeConnection([tool('a')]);
      connections.push(connection);
      return connection;
    });
    s.supervisor.start();
    await flush();
    expect(s.latest()).toMatchObject({ state: 'connected', toolCount: 1 });

    const retryDelays: number[] = [];
    for (let round = 0; round < 4; round++) {
      connections.at(-1)!.lostEmitter.fire('The server exited with code 1.');
      expect(s.latest()).toMatchObject({ state: 'error', error: 'The server exited with code 1.', failures: 1 });
      expect(connections.at(-1)!.closed).toBe(true);
      expect(s.tools.list()).toEqual([]);
      retryDelays.push(s.latest().retryAt! - s.clock.now());
      s.clock.advance(s.latest().retryAt! - s.clock.now());
      await flush();
      expect(s.latest().state).toBe('connected');
    }
    expect(retryDelays).toEqual([1_000, 2_000, 4_000, 8_000]);

    // Up for longer than stableAfterMs: the next drop starts from the first delay again.
    s.clock.advance(30_000);
    connections.at(-1)!.lostEmitter.fire('gone');
    expect(s.latest().retryAt! - s.clock.now()).toBe(1_000);
    await s.supervisor.dispose();
  });

  it('does not retry by itself when the settings are missing a value', async () => {
    const s = setup(async () => new FakeConnection([]), { resolveFails: true });
    s.supervisor.start();
    await flush();
    expect(s.latest()).toMatchObject({ state: 'error', error: 'TOKEN is not set', retryAt: null });
    expect(s.clock.pendingTimers).toBe(0);
    expect(s.attempts()).toBe(0);
  });

  it('refreshes the offered tools when the server lists new ones, honouring turned-off tools', async () => {
    const connection = new FakeConnection([tool('a'), tool('b')]);
    const s = setup(async () => connection);
    s.supervisor.start();
    await flush();
    await s.supervisor.update({ ...config, disabledTools: ['b'] }, false);
    expect(s.tools.list().map((t) => t.name)).toEqual(['mcp__fake__a']);
    connection.toolsChanged.fire([tool('a'), tool('b'), tool('c')]);
    expect(s.tools.list().map((t) => t.name)).toEqual(['mcp__fake__a', 'mcp__fake__c']);
    expect(s.latest().toolCount).toBe(2);
    expect(s.attempts()).toBe(1);
    expect(s.supervisor.tools().map((t) => [t.name, t.enabled])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
  });

  it('drops a connection that arrives after it was stopped', async () => {
    let finish!: (connection: McpConnection) => void;
    const late = new FakeConnection([tool('a')]);
    const s = setup(() => new Promise((resolve) => (finish = resolve)));
    s.supervisor.start();
    await flush();
    expect(s.latest().state).toBe('connecting');
    const disposed = s.supervisor.dispose();
    finish(late);
    await disposed;
    expect(late.closed).toBe(true);
    expect(s.tools.list()).toEqual([]);
  });
});
