import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, expect, vi } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../src/core/db/database';
import { createMcpRuntime, type McpRuntime, type McpRuntimeOptions } from '../../../src/core/mcp/mcpRuntime';
import { systemClock, type Clock, type Logger } from '../../../src/core/ports';
import { createMemorySecrets } from '../../../src/core/secrets/memorySecrets';
import type { Secrets } from '../../../src/core/secrets/secrets';
import type { Env } from '../../../src/core/settings/envSettings';
import { ToolRegistry } from '../../../src/core/tools/toolRegistry';
import type { ToolCallContext } from '../../../src/core/tools/types';
import { mcpService, type McpServerStatus } from '../../../src/shared/contract/mcp';
import { createClient, createInMemoryPair, serve, type ContractClient } from '../../../src/shared/rpc';
import { useTempDirs } from '../../helpers/tempDir';

const root = resolve(__dirname, '..', '..', '..');
/** server-everything's entry point: `node <this> stdio|streamableHttp|sse`. */
export const EVERYTHING = join(root, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
export const fixture = (name: string) => join(root, 'tests', 'fixtures', 'mcp', name);

const contract = { mcp: mcpService } as const;

export interface McpHarness {
  /** The `mcp` service through the real RPC layer (inputs and outputs validated), as a window uses it. */
  readonly api: ContractClient<typeof contract>['mcp'];
  readonly runtime: McpRuntime;
  readonly tools: ToolRegistry;
  readonly database: OpenedDatabase;
  readonly dir: string;
  /** Every status published, in order. */
  readonly statuses: McpServerStatus[];
  readonly logs: string[];
  statusesOf(serverId: string): McpServerStatus[];
  /** Waits until the server's latest published status passes `check`, and returns it. */
  waitForStatus(
    serverId: string,
    check: (status: McpServerStatus) => boolean,
    timeoutMs?: number,
  ): Promise<McpServerStatus>;
  /** Closes the runtime (every server ends) and the database. */
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly clock?: Clock;
  readonly secrets?: Secrets;
  readonly env?: Env;
  readonly tuning?: McpRuntimeOptions['tuning'];
}

export function callContext(overrides: Partial<ToolCallContext> = {}): ToolCallContext {
  return { sessionId: 's1', signal: new AbortController().signal, isRecall: false, toolCallId: 'call-1', ...overrides };
}

/** A fresh database file, tool registry and MCP runtime per call; all closed after each test. */
export function useMcpHarness(): (options?: HarnessOptions) => McpHarness {
  const tempDir = useTempDirs();
  const open: McpHarness[] = [];
  afterEach(async () => {
    for (const harness of open.splice(0)) await harness.close();
  });
  return (options = {}) => {
    const dir = tempDir();
    const database = openDatabase(join(dir, 'navi.db'));
    const tools = new ToolRegistry();
    const statuses: McpServerStatus[] = [];
    const logs: string[] = [];
    const record =
      (level: string) =>
      (message: string, ...details: unknown[]) =>
        logs.push(`${level}: ${message} ${details.map(String).join(' ')}`);
    const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
    const runtime = createMcpRuntime({
      db: database.db,
      secrets: options.secrets ?? createMemorySecrets(),
      tools,
      publish: (event) => statuses.push(event.server),
      clock: options.clock ?? systemClock,
      logger,
      env: options.env ?? process.env,
      tuning: { graceMs: 500, ...options.tuning },
    });
    const [serverSide, clientSide] = createInMemoryPair();
    const served = serve(contract, { mcp: runtime.service }, serverSide, { peerId: 'window-1' });
    const client = createClient(contract, clientSide);
    let closed: Promise<void> | undefined;
    const statusesOf = (serverId: string) => statuses.filter((status) => status.serverId === serverId);
    const harness: McpHarness = {
      api: client.api.mcp,
      runtime,
      tools,
      database,
      dir,
      statuses,
      logs,
      statusesOf,
      waitForStatus: async (serverId, check, timeoutMs = 15_000) =>
        vi.waitFor(
          () => {
            const latest = statusesOf(serverId).at(-1);
            expect(latest && check(latest), `latest status: ${JSON.stringify(latest)}`).toBe(true);
            return latest!;
          },
          { timeout: timeoutMs, interval: 10 },
        ),
      close: () =>
        (closed ??= (async () => {
          client.dispose();
          served.dispose();
          await runtime.dispose();
          database.close();
          await database.closed; // the checkpoint worker empties the WAL and removes its files
        })()),
    };
    open.push(harness);
    return harness;
  };
}

/** Whether a process still exists (a zombie nobody reaped counts as gone: it runs no code). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  if (existsSync(stat)) {
    const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  }
  return true;
}

export const everythingStdio = (name = 'everything', env: { name: string; value?: string }[] = []) => ({
  transport: 'stdio' as const,
  name,
  command: process.execPath,
  args: [EVERYTHING, 'stdio'],
  env,
});
