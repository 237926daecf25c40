import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentError } from '../../../src/core/agent/types';
import { messageText, type Message } from '../../../src/shared/contract';
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
  /** Runs one exchange to completion: the agent answers with `reply`. */
  const answer = async (run: { done: Promise<unknown> }, reply: string) => {
    await settle();
    agent.last.delta(reply);
    agent.last.complete();
    await run.done;
  };
  const texts = (messages: readonly Message[]) => messages.map(messageText);
  return { ...harness, agent, session, answer, texts };
}

describe('conversation branches', () => {
  it('an edit starts a new branch from the edited message; the model sees only that branch', async () => {
    const { orchestrator, store, session, agent, answer, texts } = setup();
    await answer(orchestrator.startRun(session.id, 'Plan a trip'), 'Where to?');
    await answer(orchestrator.startRun(session.id, 'Porto'), 'Porto it is.');
    const [, , porto] = store.activePath(session.id);

    await answer(orchestrator.edit(session.id, porto!.id, 'Lisbon'), 'Lisbon it is.');
    expect(texts(agent.last.request.history)).toEqual(['Plan a trip', 'Where to?', 'Lisbon']);
    expect(texts(store.activePath(session.id))).toEqual(['Plan a trip', 'Where to?', 'Lisbon', 'Lisbon it is.']);
    // Nothing was lost: the first branch is still stored (and searchable: tests/unit/search).
    expect(texts(store.allMessages(session.id))).toEqual([
      'Plan a trip',
      'Where to?',
      'Porto',
      'Porto it is.',
      'Lisbon',
      'Lisbon it is.',
    ]);
    const lisbon = store.activePath(session.id)[2]!;
    expect(lisbon.parentId).toBe(porto!.parentId);
    expect(store.forksOf(session.id, [lisbon.parentId])).toEqual({ [lisbon.parentId!]: [porto!.id, lisbon.id] });
  });

  it('regenerate adds a sibling reply; switching back and forth keeps where each branch was left', async () => {
    const { orchestrator, store, session, answer, texts } = setup();
    await answer(orchestrator.startRun(session.id, 'Name a colour'), 'Red');
    const red = store.activePath(session.id)[1]!;
    await answer(orchestrator.regenerate(session.id, red.id), 'Blue');
    expect(texts(store.activePath(session.id))).toEqual(['Name a colour', 'Blue']);
    // Continue on "Blue", with a fork further down.
    await answer(orchestrator.startRun(session.id, 'Another'), 'Green');
    const green = store.activePath(session.id)[3]!;
    await answer(orchestrator.regenerate(session.id, green.id), 'Yellow');
    const yellow = store.activePath(session.id)[3]!;
    orchestrator.switchBranch(session.id, green.id); // the earlier version of the lower fork

    orchestrator.switchBranch(session.id, red.id);
    expect(texts(store.activePath(session.id))).toEqual(['Name a colour', 'Red']);
    const blue = store.childrenOf(session.id, red.parentId)[1]!;
    const { leafId } = orchestrator.switchBranch(session.id, blue);
    // Back on "Blue": the lower fork shows "Green", where it was left, not the newest ("Yellow").
    expect(texts(store.activePath(session.id))).toEqual(['Name a colour', 'Blue', 'Another', 'Green']);
    expect(leafId).toBe(green.id);
    expect(store.childrenOf(session.id, green.parentId)).toEqual([green.id, yellow.id]);
  });

  it('Retry after a failed reply replaces it: the prompt is stored once and sent once', async () => {
    const { orchestrator, store, session, agent, answer, texts, clock } = setup();
    await answer(orchestrator.startRun(session.id, 'Hi'), 'Hello');
    const run = orchestrator.startRun(session.id, 'Summarise the report');
    await settle();
    agent.last.fail(new AgentError('provider', 'The server had an error (503).'));
    const failed = await run.done;
    expect(failed.status).toBe('error');
    const failedReply = store.activePath(session.id).at(-1)!;
    expect(failedReply.parts).toEqual([{ type: 'error', message: 'The server had an error (503).' }]);

    const sink = new RecordingSink();
    orchestrator.subscribe(session.id, store.lastSeq(session.id) + 1, sink);
    await answer(orchestrator.regenerate(session.id, failedReply.id), 'Here is the summary.');
    clock.advance(100);
    expect(texts(agent.last.request.history)).toEqual(['Hi', 'Hello', 'Summarise the report']);
    expect(texts(store.allMessages(session.id))).toEqual([
      'Hi',
      'Hello',
      'Summarise the report',
      'Here is the summary.',
    ]);
    expect(store.getMessage(session.id, failedReply.id)).toBeUndefined();
    // Windows are told the prompt stays where it was and the reply has no other versions.
    const started = sink.events.find((event) => event.type === 'run-started');
    expect(started).toMatchObject({ prompt: { id: run.messageId }, forks: { [run.messageId]: [expect.any(String)] } });
  });

  it('a recall retry regenerates through the prompt: no second prompt, the failed reply replaced', async () => {
    const { orchestrator, store, session, agent, answer, texts } = setup();
    const run = orchestrator.startRun(session.id, 'Check the deploy', 'recall');
    await settle();
    agent.last.fail(new AgentError('provider', 'Timed out.'));
    await run.done;
    await answer(orchestrator.regenerate(session.id, run.messageId, 'recall'), 'Deployed.');
    expect(agent.last.request.origin).toBe('recall');
    expect(store.allMessages(session.id).map((m) => [m.role, m.origin, messageText(m)])).toEqual([
      ['user', 'recall', 'Check the deploy'],
      ['assistant', 'recall', 'Deployed.'],
    ]);
    expect(texts(store.activePath(session.id))).toEqual(['Check the deploy', 'Deployed.']);
  });

  it('a reply stopped before its first word is kept, empty, so the conversation shows it was stopped', async () => {
    const { orchestrator, store, session } = setup();
    const run = orchestrator.startRun(session.id, 'Think hard');
    await settle();
    orchestrator.stop(session.id);
    const outcome = await run.done;
    expect(outcome.status).toBe('stopped');
    expect(store.activePath(session.id).map((m) => [m.role, m.status, m.parts])).toEqual([
      ['user', 'complete', [{ type: 'text', text: 'Think hard' }]],
      ['assistant', 'partial', []],
    ]);
  });

  it('every window is told when the branch on screen changes; snapshots page along the branch', async () => {
    const { orchestrator, store, session, answer, clock } = setup();
    for (let index = 1; index <= 3; index++) await answer(orchestrator.startRun(session.id, `Q${index}`), `A${index}`);
    const path = store.activePath(session.id);
    await answer(orchestrator.edit(session.id, path[2]!.id, 'Q2 edited'), 'A2 edited');

    const windows = [new RecordingSink(), new RecordingSink()];
    for (const sink of windows) orchestrator.subscribe(session.id, store.lastSeq(session.id) + 1, sink);
    orchestrator.switchBranch(session.id, path[2]!.id);
    clock.advance(100);
    for (const sink of windows) expect(sink.events.map((event) => event.type)).toEqual(['branch-switched']);

    const latest = orchestrator.snapshot(session.id, { limit: 2 });
    expect(latest.messages.map(messageText)).toEqual(['Q3', 'A3']);
    expect(latest.hasMore).toBe(true);
    const earlier = orchestrator.snapshot(session.id, { before: latest.messages[0]!.id, limit: 10 });
    expect(earlier.messages.map(messageText)).toEqual(['Q1', 'A1', 'Q2', 'A2']);
    expect(earlier.hasMore).toBe(false);
    expect(earlier.forks).toEqual({ [path[1]!.id]: [path[2]!.id, expect.any(String)] });
  });

  it('refuses to edit a reply, or to change branches while a reply is being written', async () => {
    const { orchestrator, store, session, answer } = setup();
    await answer(orchestrator.startRun(session.id, 'Hello'), 'Hi');
    const [prompt, reply] = store.activePath(session.id);
    expect(() => orchestrator.edit(session.id, reply!.id, 'x')).toThrow(/Only your own messages/);
    orchestrator.startRun(session.id, 'Again');
    await settle();
    expect(() => orchestrator.switchBranch(session.id, prompt!.id)).toThrow(/still replying/);
    expect(() => orchestrator.regenerate(session.id, reply!.id)).toThrow(/still replying/);
    expect(() => orchestrator.regenerate(session.id, 'no-such-message')).toThrow(/still replying|does not exist/);
  });
});
