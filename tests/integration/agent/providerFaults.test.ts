import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply, startOpenAiFixture, type FixtureReply, type FixtureServer } from '../../fixtures';
import { closedPort, collectRun, fixtureEnv, useHarness, userMessage } from './harness';

const harness = useHarness();
let fixture: FixtureServer;

beforeEach(async () => {
  fixture = await startOpenAiFixture();
});
afterEach(async () => {
  await fixture.close();
});

interface FaultCase {
  readonly name: string;
  readonly replies: FixtureReply[];
  readonly message: RegExp;
  /** Chat requests the failing run makes (retries included). */
  readonly requests: number;
  /** Text that reached the person before the failure. */
  readonly partialText?: string;
  /**
   * The response or the idle timeout, short only where the case is about it, so a busy machine never
   * trips the other: client and fixture share one event loop, and after a stall the client's timer
   * runs before the fixture reads the request (a short response timeout there once retried the
   * request, and the abandoned first one took the next case's reply).
   */
  readonly timeouts?: { readonly responseMs?: number; readonly idleMs?: number };
}

const faults: FaultCase[] = [
  {
    name: 'a rejected key (401)',
    replies: [reply.unauthorized()],
    message: /^OpenAI-compatible server \(.*\) rejected the API key \(401\)\. Check OPENAI_API_KEY in the environment/,
    requests: 1,
  },
  {
    name: 'an unknown model (404)',
    replies: [reply.unknownModel('fixture-model')],
    message: /does not know the model "fixture-model" \(404\)\. Choose another model in Settings\./,
    requests: 1,
  },
  {
    name: 'rate limiting that does not stop (429 three times)',
    replies: [reply.rateLimited(), reply.rateLimited(), reply.rateLimited()],
    message: /is rate limiting requests \(429\)\. Wait a moment and try again\./,
    requests: 3,
  },
  {
    name: 'a server error that does not go away (503 three times)',
    replies: [reply.serverError(503), reply.serverError(503), reply.serverError(503)],
    message: /had a server error \(503\).*Try again in a moment\./,
    requests: 3,
  },
  {
    name: 'a bad request (400) with the provider’s explanation',
    replies: [reply.error(400, 'messages: too many tokens')],
    message: /rejected the request \(400\): messages: too many tokens/,
    requests: 1,
  },
  {
    name: 'a stream cut mid-way',
    replies: [reply.text(['Hello ', 'there ', 'friend'], { cutAfterChunks: 3 })],
    message: /The connection to .* broke off before the reply was complete\. Try again\./,
    requests: 1,
    partialText: 'Hello there ',
  },
  {
    name: 'a malformed chunk',
    replies: [reply.text(['Hello ', 'there'], { malformedAfterChunks: 2 })],
    message: /sent data Navi could not read/,
    requests: 1,
    partialText: 'Hello ',
  },
  {
    name: 'silence mid-stream (idle timeout)',
    replies: [reply.text(['Hello ', 'there'], { hangAfterChunks: 2 })],
    message: /stopped sending the reply \(nothing for 0\.3 s\)/,
    requests: 1,
    partialText: 'Hello ',
    timeouts: { idleMs: 300 },
  },
  {
    name: 'no answer at all (response timeout, retried)',
    replies: [reply.hang(), reply.hang(), reply.hang()],
    message: /did not answer within 0\.3 s\. Check that the server is running/,
    requests: 3,
    timeouts: { responseMs: 300 },
  },
];

describe('provider faults end the run with a readable error, and the next run works', () => {
  it.each(faults)('$name', async (fault) => {
    const { runtime, logger } = harness({
      env: fixtureEnv(fixture),
      timeouts: { responseMs: fault.timeouts?.responseMs ?? 15_000, idleMs: fault.timeouts?.idleMs ?? 15_000 },
    });
    fixture.script(...fault.replies, reply.text('Working again.'));

    const failed = await collectRun(runtime, { history: [userMessage('Hi')] });

    expect(failed.error).toMatchObject({ name: 'AgentError', kind: 'provider' });
    expect((failed.error as Error).message).toMatch(fault.message);
    expect(failed.text).toBe(fault.partialText ?? '');
    expect(fixture.chatRequests()).toHaveLength(fault.requests);
    expect(logger.lines.some((line) => line.startsWith('warn Model call to'))).toBe(true);

    const next = await collectRun(runtime, { history: [userMessage('Hi'), userMessage('Again')] });
    expect(next.error).toBeUndefined();
    expect(next.text).toBe('Working again.');
  });

  it.each([
    ['429', reply.rateLimited()],
    ['500', reply.serverError(500)],
    ['a connection cut before any output', reply.text(['never seen'], { cutAfterChunks: 0 })],
    ['no answer (timeout before any output)', reply.hang()],
  ] as const)('retries %s with backoff and then succeeds', async (_name, transient) => {
    const { runtime, logger } = harness({ env: fixtureEnv(fixture), timeouts: { responseMs: 300, idleMs: 300 } });
    fixture.script(transient, reply.text('Recovered.'));

    const outcome = await collectRun(runtime, { history: [userMessage('Hi')] });

    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe('Recovered.');
    expect(fixture.chatRequests()).toHaveLength(2);
    expect(logger.lines.filter((line) => /retrying in \d+ ms \(attempt 2 of 3\)/.test(line))).toHaveLength(1);
  });

  it('honours Retry-After (capped by the policy) between attempts', async () => {
    const { runtime } = harness({
      env: fixtureEnv(fixture),
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 150 },
    });
    fixture.script(reply.rateLimited(30), reply.text('ok'));
    const started = performance.now();

    const outcome = await collectRun(runtime, { history: [userMessage('Hi')] });

    expect(outcome.text).toBe('ok');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('says the server cannot be reached when nothing listens at the base URL', async () => {
    const port = await closedPort();
    const { runtime } = harness({
      env: { OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, NAVI_MODEL: 'llama3' },
    });

    const outcome = await collectRun(runtime, { history: [userMessage('Hi')] });

    expect(outcome.error).toMatchObject({ kind: 'provider' });
    expect((outcome.error as Error).message).toBe(
      `Could not reach OpenAI-compatible server (http://127.0.0.1:${port}/v1) at http://127.0.0.1:${port}/v1 (ECONNREFUSED). Check that the server is running and the base URL is right.`,
    );
  });

  it('ends with a not-configured error when nothing is configured', async () => {
    const { runtime } = harness({ env: {} });
    const outcome = await collectRun(runtime, { history: [userMessage('Hi')] });
    expect(outcome.error).toMatchObject({ kind: 'not_configured' });
    expect((outcome.error as Error).message).toMatch(/Add one in Settings, or set OPENAI_API_KEY/);
  });
});
