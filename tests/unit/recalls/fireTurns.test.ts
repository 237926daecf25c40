import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../../src/core/agent/types';
import { RecallStore } from '../../../src/core/recalls/recallStore';
import { messageText } from '../../../src/shared/contract';
import { settle } from '../../helpers/controlledAgent';
import { ManualClock } from '../../helpers/manualClock';
import { CountingAgent, createRecallHarness, type RecallHarness } from '../../helpers/recalls';
import { useTempDirs } from '../../helpers/tempDir';

/**
 * A burst of recalls due at once is fired one run per turn of the event loop, each turn asked for
 * with the clock's `nextTurn` (setImmediate in the app): a 0 ms timer would let Node run the next
 * fire in the same pass of its timers, back to back, with no turn for windows' messages between.
 */

const tempDir = useTempDirs();
const open: RecallHarness[] = [];
afterEach(async () => {
  for (const harness of open.splice(0)) await harness.close();
});

const MINUTE = 60_000;
const BURST = 12;

/** Notes each run's prompt as it starts, then answers like CountingAgent. */
function noting(events: string[], inner: Agent = new CountingAgent()): Agent {
  return {
    run: (request) => {
      const prompt = request.history.at(-1);
      events.push(`fired ${prompt ? messageText(prompt) : ''}`);
      return inner.run(request);
    },
  };
}

function burst(options: { makeStore?: (db: RecallHarness['database']['db'], now: () => number) => RecallStore } = {}) {
  const events: string[] = [];
  const clock = new ManualClock(Date.parse('2026-11-24T12:00:00Z'));
  const harness = createRecallHarness(join(tempDir(), 'navi.db'), noting(events), {
    clock,
    makeStore: options.makeStore,
  });
  open.push(harness);
  const at = clock.now() + MINUTE;
  const sessions = Array.from({ length: BURST }, (_, index) => harness.sessions.createSession(`c${index}`).id);
  sessions.forEach((sessionId, index) =>
    harness.scheduler.create({ sessionId, schedule: { kind: 'once', at }, message: `r${index}`, createdBy: 'user' }),
  );
  return { harness, clock, events, sessions };
}

/** Each conversation's prompts from its recall (exactly one each when every recall fired once). */
function promptsBySession(harness: RecallHarness, sessions: readonly string[]): string[][] {
  return sessions.map((sessionId) =>
    harness.sessions
      .allMessages(sessionId)
      .filter((message) => message.role === 'user')
      .map((message) => messageText(message)),
  );
}

describe('a burst of due recalls', () => {
  it('fires one run per turn of the event loop, each once, with other work between the turns', async () => {
    const { harness, clock, events, sessions } = burst();
    clock.jump(MINUTE);
    harness.scheduler.tick();
    await settle(3);
    expect(events).toEqual(['fired r0']);
    // The rest waits for the next turn (not a 0 ms timer), one at a time.
    for (let turn = 1; turn < BURST; turn++) {
      expect(clock.pendingTurns).toBe(1);
      events.push(`window's message ${turn}`);
      expect(clock.runTurn()).toBe(true);
      await settle(3);
    }
    expect(events).toEqual([
      'fired r0',
      ...Array.from({ length: BURST - 1 }, (_, index) => [
        `window's message ${index + 1}`,
        `fired r${index + 1}`,
      ]).flat(),
    ]);
    // Nothing more is due: the engine sleeps on its one timer, and later turns or time fire nothing again.
    expect(clock.pendingTurns).toBe(0);
    clock.advance(10 * MINUTE);
    await settle(3);
    expect(events.filter((event) => event.startsWith('fired'))).toHaveLength(BURST);
    expect(promptsBySession(harness, sessions)).toEqual(sessions.map((_, index) => [`r${index}`]));
    expect(harness.scheduler.history().map((run) => run.outcome)).toEqual(Array(BURST).fill('success'));
    expect(harness.notifications).toHaveLength(BURST);
  });

  it('starts a run its timer woke for in a turn of its own, after the timers due with it', async () => {
    const { harness, clock, events } = burst();
    clock.advance(MINUTE - 1);
    expect(events).toEqual([]);
    // Another timer due at the same moment, armed after the scheduler's (Node runs both in one pass).
    clock.setTimeout(() => events.push('another timer'), 1);
    clock.advance(1);
    // Every run started in that advance; each asks the event loop for turns, one per pass (turns.ts).
    await settle(3 * BURST);
    expect(events.slice(0, 2)).toEqual(['another timer', 'fired r0']);
    expect(events.filter((event) => event.startsWith('fired'))).toHaveLength(BURST);
    expect(harness.scheduler.history()).toHaveLength(BURST);
  });

  it('keeps going when a turn fails: nothing thrown leaves the turn, and every recall still fires once', async () => {
    let failing = true;
    class FailingOnce extends RecallStore {
      override claim(...args: Parameters<RecallStore['claim']>): boolean {
        // The fourth claim fails once, as a bug would (not a passing storage fault).
        if (failing && this.claims++ === 3) {
          failing = false;
          throw new Error('something unexpected');
        }
        return super.claim(...args);
      }
      private claims = 0;
    }
    const { harness, clock, events, sessions } = burst({ makeStore: (db, now) => new FailingOnce(db, now) });
    clock.jump(MINUTE);
    harness.scheduler.tick();
    await settle(3);
    for (let turn = 0; turn < 5; turn++) {
      expect(() => clock.runTurn()).not.toThrow();
      await settle(3);
    }
    // The failing turn stopped the burst: the scheduler says so and waits, then carries on.
    expect(events.filter((event) => event.startsWith('fired'))).toHaveLength(3);
    expect(harness.scheduler.health().problem).not.toBeNull();
    expect(() => clock.advance(MINUTE)).not.toThrow();
    await settle(3 * BURST);
    expect(events.filter((event) => event.startsWith('fired'))).toHaveLength(BURST);
    expect(promptsBySession(harness, sessions).map((prompts) => prompts.length)).toEqual(Array(BURST).fill(1));
    expect(harness.scheduler.health().problem).toBeNull();
  });

  it("records a run's end a pass of the event loop after the one that stored its reply", async () => {
    const { harness, clock, events } = burst();
    // I/O posted as the reply is stored arrives in the next pass, before that pass's turns run.
    const channel = new MessageChannel();
    const heard: string[] = [];
    channel.port2.on('message', () => heard.push(`the next pass: ${harness.notifications.length} notified`));
    const saveReply = harness.sessions.saveReply.bind(harness.sessions);
    harness.sessions.saveReply = (...args) => {
      const saved = saveReply(...args);
      if (heard.length === 0) {
        heard.push(`reply stored: ${harness.notifications.length} notified`);
        channel.port1.postMessage('');
      }
      return saved;
    };
    try {
      clock.jump(MINUTE);
      harness.scheduler.tick();
      for (let pass = 0; pass < 20 && harness.notifications.length === 0; pass++) await settle(1);
      await settle(3);
      expect(events[0]).toBe('fired r0');
      expect(heard).toEqual(['reply stored: 0 notified', 'the next pass: 0 notified']);
      expect(harness.notifications).toHaveLength(1);
      expect(harness.scheduler.history()).toHaveLength(1);
    } finally {
      channel.port1.close();
    }
  });
});
