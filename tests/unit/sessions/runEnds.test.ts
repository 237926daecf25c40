import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_INTERVAL_MS } from '../../../src/core/sessions/replyCheckpoint';
import { messageText } from '../../../src/shared/contract';
import { ControlledAgent, settle } from '../../helpers/controlledAgent';
import { createHarness, RecordingSink, type OrchestratorHarness } from '../../helpers/sessions';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const harnesses: OrchestratorHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

function setup() {
  const agent = new ControlledAgent();
  const harness = createHarness(join(tempDir(), 'navi.db'), agent);
  harnesses.push(harness);
  const session = harness.store.createSession();
  const sink = new RecordingSink();
  harness.orchestrator.subscribe(session.id, 1, sink);
  const flush = async () => {
    await settle();
    harness.clock.advance(100);
  };
  return { ...harness, agent, session, sink, flush };
}

describe('every failure ends the run', () => {
  const strange: [string, () => unknown, RegExp][] = [
    ['an object without a prototype', () => Object.create(null) as object, /the agent failed without saying why/],
    ['undefined', () => undefined, /the agent failed without saying why/],
    ['an error with no message', () => new TypeError(), /TypeError/],
    [
      'an object whose message getter throws',
      () => ({
        get message(): string {
          throw new Error('no');
        },
      }),
      /the agent failed without saying why/,
    ],
    ['a plain object with a message', () => ({ message: 'upstream said no' }), /upstream said no/],
  ];

  it.each(strange)(
    'a throw of %s ends with one readable error, frees the conversation, and the next message works',
    async (_name, thrown, words) => {
      const { orchestrator, agent, session, sink, flush, store } = setup();
      const run = orchestrator.startRun(session.id, 'Go');
      await settle();
      agent.last.fail(thrown());
      const outcome = await run.done;
      await flush();
      expect(outcome.status).toBe('error');
      expect(outcome.error).toMatch(/^Something went wrong inside Navi: /);
      expect(outcome.error).toMatch(words);
      expect(sink.terminals).toHaveLength(1);
      expect(sink.terminals[0]).toMatchObject({ type: 'run-error', error: outcome.error });
      expect(orchestrator.isBusy(session.id)).toBe(false);
      const next = orchestrator.startRun(session.id, 'Again');
      await settle();
      agent.last.complete();
      await expect(next.done).resolves.toMatchObject({ status: 'completed' });
      expect(store.allMessages(session.id).map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    },
  );
});

describe('notes during a run', () => {
  it("go after the run's reply, never between the prompt and the reply", async () => {
    const { orchestrator, agent, session, sink, flush, store } = setup();
    const run = orchestrator.startRun(session.id, 'A question');
    await settle();
    agent.last.delta('An answer');
    await settle();
    orchestrator.addNote(session.id, 'A recall was skipped.');
    agent.last.complete();
    await run.done;
    await flush();
    expect(store.allMessages(session.id).map((m) => [m.role, messageText(m)])).toEqual([
      ['user', 'A question'],
      ['assistant', 'An answer'],
      ['system', 'A recall was skipped.'],
    ]);
    const order = sink.events.map((event) => event.type);
    expect(order.indexOf('message-added')).toBeGreaterThan(order.indexOf('run-completed'));
  });

  it('are written at once when nothing runs', async () => {
    const { orchestrator, session, sink, flush, store } = setup();
    orchestrator.addNote(session.id, 'A recall was skipped.');
    await flush();
    expect(store.allMessages(session.id).map((m) => [m.role, m.origin])).toEqual([['system', 'recall']]);
    expect(sink.events.map((event) => event.type)).toEqual(['message-added']);
  });
});

describe('checkpoints of a streaming reply', () => {
  it('keep the text so far in the store (at most every 2 s), marked interrupted, hidden from snapshots', async () => {
    const { orchestrator, agent, session, store, clock, database } = setup();
    const run = orchestrator.startRun(session.id, 'Write a long answer');
    await settle();
    const stored = () => store.allMessages(session.id).find((m) => m.role === 'assistant');

    agent.last.delta('First words');
    await settle();
    expect(stored()).toMatchObject({ status: 'interrupted', parts: [{ type: 'text', text: 'First words' }] });

    agent.last.delta(', more words');
    await settle();
    clock.advance(CHECKPOINT_INTERVAL_MS - 100);
    expect(messageText(stored()!)).toBe('First words');
    clock.advance(100);
    expect(messageText(stored()!)).toBe('First words, more words');
    // Searchable as it streams: an interrupted reply is indexed in pieces (see migration 19), once.
    const found = (word: string) =>
      database.db
        .prepare(
          `SELECT (SELECT count(*) FROM message_search WHERE message_search MATCH @word)
             + (SELECT count(*) FROM reply_piece_search WHERE reply_piece_search MATCH @word)`,
        )
        .pluck()
        .get({ word });
    expect([found('first'), found('more')]).toEqual([1, 1]);

    // A window that opens now sees the reply once: live, not also as a stored message.
    const snapshot = orchestrator.snapshot(session.id);
    expect(snapshot.messages.map((m) => m.role)).toEqual(['user']);
    expect(messageText(snapshot.activeRun!.partial)).toBe('First words, more words');

    agent.last.delta('. Done.');
    agent.last.complete();
    await run.done;
    expect(store.allMessages(session.id).map((m) => [m.role, m.status, messageText(m)])).toEqual([
      ['user', 'complete', 'Write a long answer'],
      ['assistant', 'complete', 'First words, more words. Done.'],
    ]);
    clock.advance(10 * CHECKPOINT_INTERVAL_MS); // no checkpoint timer left to rewrite it
    expect(stored()?.status).toBe('complete');
    expect([found('first'), found('more'), found('done')]).toEqual([1, 1, 1]);
  });
});

describe('re-running from a stored prompt', () => {
  it('replaces the failed reply in place, so a retry adds no second prompt', async () => {
    const { orchestrator, agent, session, store, sink, flush } = setup();
    const first = orchestrator.startRun(session.id, 'Check the deploy', 'recall');
    await settle();
    agent.last.fail(new Error('provider down'));
    const failed = await first.done;
    const reply = failed.message!;
    expect(orchestrator.canRerun(session.id, first.messageId, reply.id)).toBe(true);

    orchestrator.addNote(session.id, 'Retrying.');
    expect(orchestrator.canRerun(session.id, first.messageId, reply.id)).toBe(true);
    const again = orchestrator.rerun(session.id, first.messageId, reply.id, 'recall');
    await settle();
    expect(agent.last.request.history.map((m) => m.role)).toEqual(['user', 'system']);
    agent.last.delta('Deployed.');
    agent.last.complete();
    await again.done;
    await flush();
    expect(store.allMessages(session.id).map((m) => [m.role, messageText(m)])).toEqual([
      ['user', 'Check the deploy'],
      ['assistant', 'Deployed.'],
      ['system', 'Retrying.'],
    ]);
    expect(store.allMessages(session.id)[1]).toMatchObject({ id: reply.id, position: reply.position });
    expect(
      sink.events.filter((e) => e.type === 'run-started').map((e) => e.type === 'run-started' && e.replyId),
    ).toEqual([reply.id, reply.id]);

    // Once the person has written since, the prompt cannot be re-run in place.
    const later = orchestrator.startRun(session.id, 'And now?');
    await settle();
    agent.last.complete();
    await later.done;
    expect(orchestrator.canRerun(session.id, first.messageId, reply.id)).toBe(false);
    expect(() => orchestrator.rerun(session.id, first.messageId, reply.id, 'recall')).toThrow(/moved on/);
  });
});
