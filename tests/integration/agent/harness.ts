import { createServer } from 'node:net';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach } from 'vitest';
import { createAgentRuntime, type AgentRuntime, type AgentRuntimeOptions } from '../../../src/core/agent/runtime';
import type { AgentEvent, AgentRunRequest } from '../../../src/core/agent/types';
import { openDatabase, type OpenedDatabase } from '../../../src/core/db/database';
import type { Logger } from '../../../src/core/ports';
import { createMemorySecrets } from '../../../src/core/secrets/memorySecrets';
import type { Message } from '../../../src/shared/contract/messages';
import type { CallContext } from '../../../src/shared/rpc';
import type { FixtureServer } from '../../fixtures';
import { useTempDirs } from '../../helpers/tempDir';

/** A logger that keeps every line (message and details, fully inspected) so tests can search them. */
export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      void lines.push([level, message, ...details.map((detail) => inspect(detail, { depth: 10 }))].join(' '));
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

let nextPosition = 0;
export function userMessage(text: string, sessionId = 'session-1'): Message {
  return {
    id: `m${nextPosition}`,
    sessionId,
    parentId: null,
    position: nextPosition++,
    role: 'user',
    parts: [{ type: 'text', text }],
    status: 'complete',
    origin: 'user',
    createdAt: 1_700_000_000_000,
  };
}

export function assistantMessage(parts: Message['parts'], sessionId = 'session-1'): Message {
  return { ...userMessage('', sessionId), role: 'assistant', parts };
}

export interface RunOutcome {
  readonly events: AgentEvent[];
  readonly text: string;
  readonly error: unknown;
}

/** Runs the agent to its end and collects what it yielded and how it ended (never throws). */
export async function collectRun(
  runtime: AgentRuntime,
  request: Partial<AgentRunRequest> & { history: Message[] },
): Promise<RunOutcome> {
  const events: AgentEvent[] = [];
  let error: unknown;
  try {
    for await (const event of runtime.agent.run({
      sessionId: 'session-1',
      runId: 'run-1',
      origin: 'user',
      signal: new AbortController().signal,
      ...request,
    })) {
      events.push(event);
    }
  } catch (caught) {
    error = caught;
  }
  const text = events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
  return { events, text, error };
}

export interface Harness {
  readonly dataDir: string;
  readonly database: OpenedDatabase;
  readonly logger: ReturnType<typeof capturingLogger>;
  readonly runtime: AgentRuntime;
}

/** Fast retries and timeouts so fault tests take milliseconds. */
export const FAST = {
  retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  timeouts: { responseMs: 2_000, idleMs: 2_000 },
} as const;

/** A real SQLite file in a temp dir plus an agent runtime on it; everything is closed after the test. */
export function useHarness(): (options?: Partial<AgentRuntimeOptions>) => Harness {
  const tempDir = useTempDirs();
  const open: Harness[] = [];
  afterEach(() => {
    for (const harness of open.splice(0)) {
      harness.runtime.dispose();
      harness.database.close();
    }
  });
  return (options = {}) => {
    const dataDir = tempDir();
    const database = openDatabase(join(dataDir, 'navi.db'));
    const logger = capturingLogger();
    const runtime = createAgentRuntime({
      db: database.db,
      secrets: createMemorySecrets(),
      env: {},
      logger,
      timeZone: () => 'Europe/Berlin',
      ...FAST,
      ...options,
    });
    const harness = { dataDir, database, logger, runtime };
    open.push(harness);
    return harness;
  };
}

/** Env that points the default OpenAI provider at a fixture. */
export function fixtureEnv(fixture: FixtureServer, apiKey = 'sk-test-key-0123456789'): Record<string, string> {
  return { OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: fixture.baseURL, NAVI_MODEL: 'fixture-model' };
}

/** A port nothing listens on (for "unreachable" cases). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The context a service method gets when called directly (not through the RPC layer). */
export function testCall(): CallContext {
  return { signal: new AbortController().signal, peerId: 'test', isCongested: () => false };
}
