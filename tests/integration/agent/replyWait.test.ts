import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_STREAM_TIMEOUTS } from '../../../src/core/agent/idleWatchdog';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/agent/retryPolicy';
import type { AgentEvent, AgentRunRequest } from '../../../src/core/agent/types';
import { createCore } from '../../../src/core/core';
import { createMemorySecrets } from '../../../src/core/secrets/memorySecrets';
import { reply, startOpenAiFixture, type FixtureServer } from '../../fixtures';
import { quietLogger } from '../../helpers/host';
import { ManualClock } from '../../helpers/manualClock';
import { useTempDirs } from '../../helpers/tempDir';
import { fixtureEnv, testCall, useHarness, userMessage } from './harness';

const harness = useHarness();
const tempDir = useTempDirs();
let fixture: FixtureServer;

beforeEach(async () => {
  fixture = await startOpenAiFixture();
});
afterEach(async () => {
  await fixture.close();
});

/** The real waits and retries of the app, on a clock the test moves. */
async function setup(replyWaitSeconds?: number) {
  const clock = new ManualClock();
  const made = harness({
    env: fixtureEnv(fixture),
    clock,
    timeouts: DEFAULT_STREAM_TIMEOUTS,
    retry: DEFAULT_RETRY_POLICY,
  });
  if (replyWaitSeconds !== undefined) await made.runtime.settings.updateGeneral({ replyWaitSeconds }, testCall());
  const controller = new AbortController();
  const events: AgentEvent[] = [];
  const start = (request: Partial<AgentRunRequest> = {}) => {
    const run = made.runtime.agent.run({
      sessionId: 's',
      runId: 'r',
      origin: 'user',
      history: [userMessage('Hi')],
      signal: controller.signal,
      ...request,
    });
    return (async () => {
      try {
        for await (const event of run) events.push(event);
        return undefined;
      } catch (error) {
        return error as Error;
      }
    })();
  };
  const statuses = () => events.flatMap((event) => (event.type === 'status' ? [event.status] : []));
  return { clock, controller, events, statuses, start };
}

describe('waiting for the model', () => {
  it('a provider that never answers is given up on at the reply wait, saying so, after one request', async () => {
    const { clock, statuses, start } = await setup(30);
    fixture.script(reply.hang());
    const t0 = clock.now();
    const ended = start();
    const [request] = await fixture.waitForChatRequests(1);
    expect(statuses()).toEqual([{ phase: 'waiting', since: t0, giveUpAt: t0 + 30_000, attempt: 1, maxAttempts: 3 }]);

    clock.advance(29_999);
    expect(request!.aborted).toBe(false);
    clock.advance(1);
    const error = await ended;
    expect(error).toMatchObject({ name: 'AgentError', kind: 'provider' });
    expect(error!.message).toMatch(
      /did not start replying within 30 seconds\. Check that the server is running \(a local model may still be loading\)\. You can change how long Navi waits for a reply in Settings\.$/,
    );
    await request!.done;
    expect(request!.aborted).toBe(true);
    expect(fixture.chatRequests()).toHaveLength(1);
  });

  it('says when it retries, which attempt, and why; then the reply arrives', async () => {
    const { clock, events, statuses, start } = await setup();
    fixture.script(reply.serverError(503), reply.text('Recovered.'));
    const t0 = clock.now();
    const ended = start();
    await expect.poll(() => statuses().length).toBe(2);
    expect(statuses()).toEqual([
      { phase: 'waiting', since: t0, giveUpAt: t0 + 120_000, attempt: 1, maxAttempts: 3 },
      {
        phase: 'retrying',
        attempt: 2,
        maxAttempts: 3,
        at: t0 + 1_000,
        giveUpAt: t0 + 120_000,
        reason: 'server error 503',
      },
    ]);
    expect(fixture.chatRequests()).toHaveLength(1);

    clock.advance(1_000);
    expect(await ended).toBeUndefined();
    expect(statuses()[2]).toEqual({
      phase: 'waiting',
      since: t0 + 1_000,
      giveUpAt: t0 + 120_000,
      attempt: 2,
      maxAttempts: 3,
    });
    expect(events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('')).toBe('Recovered.');
    expect(events.at(-1)).toEqual({
      type: 'usage',
      model: 'fixture-model',
      usage: { inputTokens: 10, outputTokens: 5 },
    });
  });

  it('does not make a retry that could not start before the wait is over', async () => {
    const { clock, start } = await setup(10);
    fixture.script(reply.rateLimited(20), reply.text('too late'));
    const error = await start();
    expect(error!.message).toMatch(
      /did not start replying within 10 seconds\. Last problem: .* is rate limiting requests \(429\)\. Wait a moment and try again\. You can change how long/,
    );
    expect(fixture.chatRequests()).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('Stop during the wait before a retry ends the run at once, with no further request', async () => {
    const { clock, controller, statuses, start } = await setup();
    fixture.script(reply.serverError(500), reply.text('never'));
    const ended = start();
    await expect.poll(() => statuses().at(-1)?.phase).toBe('retrying');
    controller.abort();
    expect((await ended)?.name).toBe('AbortError');
    expect(clock.pendingTimers).toBe(0);
    expect(fixture.chatRequests()).toHaveLength(1);
  });
});

describe('answers that are not answers', () => {
  it.each([
    [
      'a reply with no text and no tool call',
      reply.empty(),
      /sent an empty answer \(no text and no tool call\) for fixture-model\. Try again, or choose another model\./,
    ],
    [
      'one cut off at the output limit before a word',
      reply.empty('length'),
      /sent an empty answer .* It stopped at its output limit before writing anything\./,
    ],
    [
      'a web page with status 200',
      reply.html(),
      /answered with a web page \(text\/html\) instead of a model reply\. Check the base URL \(http:\/\/127\.0\.0\.1:\d+\/v1\): it should point to the OpenAI-compatible API itself/,
    ],
  ])('%s is an error with a readable reason', async (_name, answer, message) => {
    const { start } = await setup();
    fixture.script(answer, reply.text('not asked for'));
    const error = await start();
    expect(error).toMatchObject({ name: 'AgentError', kind: 'provider' });
    expect(error!.message).toMatch(message);
    expect(fixture.chatRequests()).toHaveLength(1);
  });
});

describe('in a conversation', () => {
  it('the snapshot carries the wait while it lasts; the stored reply carries its tokens and model', async () => {
    const clock = new ManualClock();
    const core = createCore({
      dataDir: tempDir(),
      version: 'test',
      shell: 'browser',
      logger: quietLogger,
      clock,
      secrets: createMemorySecrets(),
      env: fixtureEnv(fixture),
    });
    try {
      fixture.script(reply.serverError(502), reply.text('Fine.'));
      const session = core.store.createSession();
      const run = core.orchestrator.startRun(session.id, 'Hello');
      await expect.poll(() => core.orchestrator.snapshot(session.id).activeRun?.status?.phase).toBe('retrying');
      expect(core.orchestrator.snapshot(session.id).activeRun?.status).toMatchObject({
        attempt: 2,
        reason: 'server error 502',
      });
      clock.advance(1_000);
      const outcome = await run.done;
      expect(outcome.message).toMatchObject({
        parts: [{ type: 'text', text: 'Fine.' }],
        usage: { inputTokens: 10, outputTokens: 5 },
        model: 'fixture-model',
      });
      expect(core.store.activePath(session.id).at(-1)).toEqual(outcome.message);
      expect(core.orchestrator.snapshot(session.id).activeRun).toBeUndefined();
    } finally {
      await core.close();
    }
  });
});
