import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentError } from '../../../src/core/agent/types';
import { messageText } from '../../../src/shared/contract';
import { ControlledAgent, settle } from '../../helpers/controlledAgent';
import { ManualClock } from '../../helpers/manualClock';
import { CountingAgent, createRecallHarness, type RecallHarness } from '../../helpers/recalls';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const open: RecallHarness[] = [];
afterEach(async () => {
  for (const harness of open.splice(0)) await harness.close();
});

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function setup<A extends CountingAgent | ControlledAgent>(agent: A, file = join(tempDir(), 'navi.db')) {
  const harness = createRecallHarness(file, agent);
  open.push(harness);
  const session = harness.sessions.createSession('Deploy watch');
  const advance = async (ms: number, step = SECOND) => {
    for (let left = ms; left > 0; left -= step) {
      harness.clock.advance(Math.min(step, left));
      await settle(4);
    }
  };
  return { ...harness, agent, session, advance, file };
}

describe('a recall run in progress', () => {
  it('cancelled by the agent from inside its own run: the reply finishes, no later run happens', async () => {
    const { scheduler, session, agent, advance, clock, sessions } = setup(new ControlledAgent());
    const recall = scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'interval', everySeconds: 600, startAt: clock.now() + SECOND },
      message: 'Poll the deploy until it is done',
      createdBy: 'agent',
    });
    await advance(2 * SECOND);
    expect(agent.runs).toHaveLength(1);
    agent.last.delta('Deploy finished, so ');
    await settle();
    scheduler.cancel(recall.id); // what cancel_recall does
    await settle();
    expect(agent.last.sawAbort).toBe(false);
    agent.last.delta('I stopped polling.');
    agent.last.complete();
    await advance(2 * SECOND);
    const reply = sessions.allMessages(session.id).at(-1)!;
    expect(reply).toMatchObject({ role: 'assistant', status: 'complete' });
    expect(messageText(reply)).toBe('Deploy finished, so I stopped polling.');
    expect(scheduler.list()[0]).toMatchObject({ status: 'cancelled', nextRunAt: null, lastOutcome: 'success' });
    await advance(HOUR, MINUTE);
    expect(agent.runs).toHaveLength(1);
  });

  it('stopped by a person: outcome, history and notification all say stopped (and nobody is notified)', async () => {
    const { scheduler, session, agent, advance, clock, orchestrator, notifications, appEvents } = setup(
      new ControlledAgent(),
    );
    const recall = scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() + SECOND },
      message: 'Summarise the logs',
      createdBy: 'user',
    });
    await advance(2 * SECOND);
    agent.last.delta('Half a summ');
    await settle();
    orchestrator.stop(session.id);
    await advance(2 * SECOND);
    expect(scheduler.list()[0]).toMatchObject({ id: recall.id, status: 'done', lastOutcome: 'stopped' });
    expect(scheduler.history().map((run) => run.outcome)).toEqual(['stopped']);
    expect(notifications).toEqual([]);
    expect(appEvents.filter((event) => event.type === 'recall-fired')).toEqual([]);
    await advance(HOUR, MINUTE);
    expect(agent.runs).toHaveLength(1);
  });
});

describe('retries', () => {
  it('re-run from the existing prompt and replace the failed reply: one prompt and one reply in the end', async () => {
    const agent = new CountingAgent('Deployed at last.');
    agent.fail = new AgentError('provider', 'The provider is unavailable (503).');
    const { scheduler, session, advance, clock, sessions, notifications } = setup(agent);
    const recall = scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() + SECOND },
      message: 'Check the deploy',
      createdBy: 'user',
    });
    await advance(2 * SECOND);
    const shown = () => sessions.allMessages(session.id).map((m) => [m.role, m.status, messageText(m)]);
    expect(shown()).toEqual([
      ['user', 'complete', 'Check the deploy'],
      ['assistant', 'partial', ''],
    ]);
    await advance(30 * SECOND); // the second try fails too, in the same place
    expect(agent.runs).toHaveLength(2);
    expect(shown()).toHaveLength(2);
    agent.fail = undefined;
    await advance(2 * MINUTE); // the third works
    expect(agent.runs).toHaveLength(3);
    expect(agent.runs.every((run) => run.prompt === 'Check the deploy')).toBe(true);
    expect(shown()).toEqual([
      ['user', 'complete', 'Check the deploy'],
      ['assistant', 'complete', 'Deployed at last.'],
    ]);
    expect(scheduler.history({ recallId: recall.id }).map((run) => run.outcome)).toEqual([
      'success',
      'failed',
      'failed',
    ]);
    expect(notifications).toMatchObject([{ kind: 'fired', text: 'Deployed at last.' }]);
  });
});

describe('after a crash', () => {
  it('a run whose reply was stored complete before the crash counts as done and is not run again', async () => {
    const first = setup(new ControlledAgent());
    first.scheduler.create({
      sessionId: first.session.id,
      schedule: { kind: 'once', at: first.clock.now() + SECOND },
      message: 'Check the deploy',
      createdBy: 'user',
    });
    await first.advance(2 * SECOND);
    // The process dies between storing the reply and recording the recall's outcome.
    first.scheduler.dispose();
    first.agent.last.delta('Deployed.');
    first.agent.last.complete();
    await settle(6);
    expect(first.recallStore.list()[0]?.status).toBe('running');

    const agent = new CountingAgent();
    const second = createRecallHarness(first.file, agent, { clock: new ManualClock(first.clock.now() + 10 * SECOND) });
    open.push(second);
    await settle(4);
    second.clock.advance(HOUR);
    await settle(4);
    expect(agent.runs).toHaveLength(0);
    expect(second.scheduler.list()[0]).toMatchObject({ status: 'done', lastOutcome: 'success' });
    expect(second.scheduler.history().map((run) => run.outcome)).toEqual(['success']);
    expect(second.sessions.allMessages(first.session.id).map((m) => m.role)).toEqual(['user', 'assistant']);
  });
});
