import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentError } from '../../../src/core/agent/types';
import type { AppEvent } from '../../../src/shared/contract';
import { ControlledAgent, settle } from '../../helpers/controlledAgent';
import { createHarness, RecordingSink, type OrchestratorHarness } from '../../helpers/sessions';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const harnesses: OrchestratorHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

function setup(agent = new ControlledAgent(), options: Parameters<typeof createHarness>[2] = {}) {
  const harness = createHarness(join(tempDir(), 'navi.db'), agent, options);
  harnesses.push(harness);
  const session = harness.store.createSession();
  const appEvents: AppEvent[] = [];
  harness.bus.subscribe((event) => appEvents.push(event));
  /** Lets the agent's steps run, then fires the coalescing timers. */
  const flush = async () => {
    await settle();
    harness.clock.advance(100);
  };
  return { ...harness, agent, session, appEvents, flush };
}

describe('orchestrator', () => {
  it('streams a run to a subscriber and stores the completed reply', async () => {
    const { orchestrator, agent, session, store, flush } = setup();
    const sink = new RecordingSink();
    orchestrator.subscribe(session.id, 1, sink);
    const started = orchestrator.startRun(session.id, 'Hello');
    await settle();
    agent.last.delta('Hi ');
    agent.last.delta('there');
    agent.last.complete();
    const outcome = await started.done;
    await flush();

    expect(outcome.status).toBe('completed');
    expect(sink.events.map((e) => e.type)).toEqual(['run-started', 'text-delta', 'run-completed']);
    expect(sink.text).toBe('Hi there');
    const messages = store.allMessages(session.id);
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(messages[1]!.parts).toEqual([{ type: 'text', text: 'Hi there' }]);
    expect(agent.last.request.history.map((m) => m.role)).toEqual(['user']);
  });

  it('coalesces: many deltas inside one 33 ms window reach a subscriber as one message', async () => {
    const { orchestrator, agent, session, clock } = setup();
    const sink = new RecordingSink();
    orchestrator.subscribe(session.id, 1, sink);
    orchestrator.startRun(session.id, 'Go');
    await settle();
    clock.advance(33); // delivers run-started
    for (let i = 0; i < 50; i++) agent.last.delta('x');
    await settle();
    expect(sink.messages).toHaveLength(1);
    clock.advance(33);
    expect(sink.messages).toHaveLength(2);
    const second = sink.messages[1]!;
    expect(second.kind === 'events' && second.events).toHaveLength(1);
    expect(sink.text).toBe('x'.repeat(50));
  });

  it('refuses a second send while a run is active, with a readable error', async () => {
    const { orchestrator, session } = setup();
    orchestrator.startRun(session.id, 'First');
    expect(() => orchestrator.startRun(session.id, 'Second')).toThrow(/still replying in this conversation/);
    expect(() => orchestrator.startRun('missing', 'x')).toThrow(/does not exist/);
  });

  it('stops from a second subscriber: both see one run-stopped and the partial reply is stored', async () => {
    const { orchestrator, agent, session, store, flush } = setup();
    const first = new RecordingSink();
    const second = new RecordingSink();
    orchestrator.subscribe(session.id, 1, first);
    const run = orchestrator.startRun(session.id, 'Write a lot');
    await settle();
    agent.last.delta('Part one, ');
    await settle();
    const snapshot = orchestrator.snapshot(session.id);
    orchestrator.subscribe(session.id, snapshot.seq + 1, second);
    agent.last.delta('part two');
    await settle();
    expect(orchestrator.stop(session.id)).toBe(true);
    const outcome = await run.done;
    await flush();

    expect(outcome.status).toBe('stopped');
    expect(agent.last.sawAbort).toBe(true);
    for (const sink of [first, second]) {
      expect(sink.terminals.map((e) => e.type)).toEqual(['run-stopped']);
    }
    expect(snapshot.activeRun?.partial.parts).toEqual([{ type: 'text', text: 'Part one, ' }]);
    expect(second.text).toBe('part two');
    const stored = store.allMessages(session.id)[1]!;
    expect(stored.status).toBe('partial');
    expect(stored.parts).toEqual([{ type: 'text', text: 'Part one, part two' }]);
    expect(orchestrator.stop(session.id)).toBe(false);
  });

  it('ends promptly on stop even when the agent ignores its abort signal', async () => {
    const { orchestrator, session } = setup(new ControlledAgent({ honourAbort: false }));
    const run = orchestrator.startRun(session.id, 'Hang');
    await settle();
    orchestrator.stop(session.id);
    await expect(run.done).resolves.toMatchObject({ status: 'stopped' });
  });

  it('ends a failed run with a readable error, keeps the conversation consistent, and the next message works', async () => {
    const { orchestrator, agent, session, store, flush } = setup();
    const sink = new RecordingSink();
    orchestrator.subscribe(session.id, 1, sink);
    const failed = orchestrator.startRun(session.id, 'Break');
    await settle();
    agent.last.delta('Starting…');
    agent.last.fail(new AgentError('provider', 'The provider rejected the API key (401).'));
    await expect(failed.done).resolves.toMatchObject({ status: 'error', errorKind: 'provider' });

    const next = orchestrator.startRun(session.id, 'Again');
    await settle();
    agent.last.delta('Fine now');
    agent.last.complete();
    await expect(next.done).resolves.toMatchObject({ status: 'completed' });
    await flush();

    expect(sink.terminals.map((e) => e.type)).toEqual(['run-error', 'run-completed']);
    const error = sink.terminals[0]!;
    expect(error.type === 'run-error' && error.error).toBe('The provider rejected the API key (401).');
    const messages = store.allMessages(session.id);
    expect(messages.map((m) => `${m.role}:${m.status}`)).toEqual([
      'user:complete',
      'assistant:partial',
      'user:complete',
      'assistant:complete',
    ]);
    expect(messages[1]!.parts.at(-1)).toEqual({ type: 'error', message: 'The provider rejected the API key (401).' });
  });

  it('words unexpected failures for people', async () => {
    const { orchestrator, agent, session } = setup();
    const run = orchestrator.startRun(session.id, 'x');
    await settle();
    agent.last.fail(new TypeError('undefined is not a function'));
    await expect(run.done).resolves.toMatchObject({
      error: 'Something went wrong inside Navi: undefined is not a function',
    });
  });

  it('does not let a subscriber that never reads slow the others; its memory stays bounded and it is told to reload', async () => {
    const { orchestrator, agent, session, flush } = setup(new ControlledAgent(), {
      coalescing: { maxPendingEvents: 50 },
    });
    const stalled = new RecordingSink();
    stalled.congested = true;
    const healthy = new RecordingSink();
    orchestrator.subscribe(session.id, 1, stalled);
    orchestrator.subscribe(session.id, 1, healthy);
    const run = orchestrator.startRun(session.id, 'Tools');
    await settle();
    for (let i = 0; i < 200; i++) {
      agent.last.event({ type: 'tool-call', toolCallId: `t${i}`, toolName: 'noop', input: {} });
      if (i % 10 === 9) await flush(); // time passes: the healthy one is delivered every interval
    }
    agent.last.complete();
    await run.done;
    await flush();

    expect(healthy.events.filter((e) => e.type === 'tool-call')).toHaveLength(200);
    expect(healthy.terminals).toHaveLength(1);
    expect(stalled.messages).toEqual([]);
    stalled.congested = false;
    await flush();
    expect(stalled.messages).toHaveLength(1);
    expect(stalled.messages[0]).toMatchObject({ kind: 'reload' });
  });

  it('replays then follows live across the ring buffer wrap, with no gap and no duplicate', async () => {
    const { orchestrator, agent, session, flush } = setup(new ControlledAgent(), { bufferCapacity: 8 });
    const run = orchestrator.startRun(session.id, 'Count');
    await settle();
    for (let i = 0; i < 20; i++) agent.last.delta(`${i},`);
    await settle();
    const lastSeq = orchestrator.snapshot(session.id).seq;
    expect(lastSeq).toBe(21); // run-started + 20 deltas

    const tooOld = new RecordingSink();
    orchestrator.subscribe(session.id, lastSeq - 8, tooOld);
    expect(tooOld.messages).toEqual([{ kind: 'reload', seq: lastSeq }]);

    const late = new RecordingSink();
    orchestrator.subscribe(session.id, lastSeq - 7, late);
    for (let i = 20; i < 25; i++) agent.last.delta(`${i},`);
    agent.last.complete();
    await run.done;
    await flush();

    const batches = late.messages.filter((m) => m.kind === 'events');
    expect(batches[0]!.fromSeq).toBe(lastSeq - 7);
    for (let i = 1; i < batches.length; i++) expect(batches[i]!.fromSeq).toBe(batches[i - 1]!.toSeq + 1);
    // seq 1 was run-started, so seq 14 is the delta with index 12.
    expect(late.text).toBe('12,13,14,15,16,17,18,19,20,21,22,23,24,');
    expect(late.terminals).toHaveLength(1);
  });

  it('aborts a run when its session is deleted, tells its windows and hooks, and forgets the session', async () => {
    const { orchestrator, agent, session, store, appEvents, flush } = setup();
    const sink = new RecordingSink();
    orchestrator.subscribe(session.id, 1, sink);
    const run = orchestrator.startRun(session.id, 'Long job');
    await settle();
    agent.last.delta('Working');
    await settle();
    expect(orchestrator.deleteSession(session.id)).toBe(true);
    const outcome = await run.done;
    await flush();

    expect(outcome).toMatchObject({ status: 'error', errorKind: 'deleted' });
    expect(agent.last.sawAbort).toBe(true);
    expect(sink.events.slice(-2).map((e) => e.type)).toEqual(['run-error', 'session-deleted']);
    expect(appEvents).toContainEqual({ type: 'session-deleted', sessionId: session.id });
    expect(store.getSession(session.id)).toBeUndefined();
    expect(store.allMessages(session.id)).toEqual([]);
    expect(orchestrator.liveSessionCount).toBe(0);
    expect(() => orchestrator.subscribe(session.id, 1, new RecordingSink())).toThrow(/does not exist/);
  });

  it('frees idle session state and keeps numbering events where it left off', async () => {
    const { orchestrator, agent, session, flush } = setup();
    const sink = new RecordingSink();
    const subscription = orchestrator.subscribe(session.id, 1, sink);
    const run = orchestrator.startRun(session.id, 'One');
    await settle();
    agent.last.delta('a');
    agent.last.complete();
    await run.done;
    await flush();
    subscription.dispose();
    expect(orchestrator.liveSessionCount).toBe(0);
    const seqAfterFirst = orchestrator.snapshot(session.id).seq;
    expect(seqAfterFirst).toBe(3);

    const again = new RecordingSink();
    orchestrator.subscribe(session.id, seqAfterFirst + 1, again);
    orchestrator.startRun(session.id, 'Two');
    await flush();
    expect(again.events[0]).toMatchObject({ type: 'run-started', seq: seqAfterFirst + 1 });
    // A window that remembers a seq from before the state was freed is told to reload.
    const stale = new RecordingSink();
    orchestrator.subscribe(session.id, 2, stale);
    expect(stale.reloaded).toBe(true);
  });

  it('publishes busy changes and renames on the app event bus and to the session subscribers', async () => {
    const { orchestrator, agent, session, appEvents, store, flush } = setup();
    const sink = new RecordingSink();
    orchestrator.subscribe(session.id, 1, sink);
    const run = orchestrator.startRun(session.id, 'x');
    expect(appEvents.at(-1)).toMatchObject({ type: 'session-changed', session: { id: session.id, busy: true } });
    await settle();
    agent.last.complete();
    await run.done;
    expect(appEvents.at(-1)).toMatchObject({ type: 'session-changed', session: { busy: false } });
    orchestrator.sessionChanged(store.renameSession(session.id, 'Renamed'));
    await flush();
    expect(sink.events.at(-1)).toMatchObject({ type: 'session-updated', session: { title: 'Renamed' } });
  });

  it('never leaves a window stale when a rename or a note lands between its snapshot and its subscription', async () => {
    const { orchestrator, session, store, flush } = setup();
    for (const change of [
      () => orchestrator.sessionChanged(store.renameSession(session.id, 'Renamed while nothing watched')),
      () => orchestrator.addNote(session.id, 'A note while nothing watched'),
    ]) {
      const before = orchestrator.snapshot(session.id);
      expect(orchestrator.liveSessionCount).toBe(0);
      change();
      expect(orchestrator.liveSessionCount).toBe(0);
      const late = new RecordingSink();
      orchestrator.subscribe(session.id, before.seq + 1, late);
      await flush();
      // Either the change itself or "reload" reaches it: never nothing.
      expect(late.reloaded || late.events.length > 0).toBe(true);
      late.messages.length = 0;
    }
    expect(orchestrator.snapshot(session.id).session.title).toBe('Renamed while nothing watched');
  });

  it('names a new conversation after its first completed exchange', async () => {
    const agent = new ControlledAgent();
    const { orchestrator, session, store } = setup(agent, {
      titleGenerator: async (history) => `About ${history[0]!.parts[0]!.type === 'text' ? 'greetings' : '?'}`,
    });
    const run = orchestrator.startRun(session.id, 'Hello');
    await settle();
    agent.last.complete();
    await run.done;
    await settle();
    expect(store.getSession(session.id)!.title).toBe('About greetings');
  });

  it('keeps the reply of a run still going when Navi closes, marked interrupted', async () => {
    const { orchestrator, agent, session, store } = setup();
    const run = orchestrator.startRun(session.id, 'x');
    await settle();
    agent.last.delta('unfinished');
    await settle();
    await orchestrator.close();
    await expect(run.done).resolves.toMatchObject({ status: 'stopped', errorKind: 'shutdown' });
    expect(store.allMessages(session.id)[1]).toMatchObject({
      status: 'interrupted',
      parts: [{ type: 'text', text: 'unfinished' }],
    });
  });
});
