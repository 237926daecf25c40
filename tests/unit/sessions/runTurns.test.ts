import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent, AgentEvent } from '../../../src/core/agent/types';
import { systemClock } from '../../../src/core/ports';
import { settle } from '../../helpers/controlledAgent';
import { createHarness, type OrchestratorHarness } from '../../helpers/sessions';
import { useTempDirs } from '../../helpers/tempDir';

/**
 * Turns of the event loop the core asks for come one per pass of the loop (src/core/turns.ts), and
 * a run takes three of them at least, so a run whose agent answers at once does not hold the core's
 * thread from its prompt to its end. A pass is seen here by I/O: a message posted to a MessagePort
 * arrives in the next pass's poll phase, before that pass's setImmediate callbacks.
 */

const tempDir = useTempDirs();
const harnesses: OrchestratorHarness[] = [];
const channels: MessageChannel[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
  for (const channel of channels.splice(0)) channel.port1.close();
});

/** Notes in `order` what is posted to it, as it arrives (I/O, in a pass's poll phase). */
function ioInto(order: string[]): (text: string) => void {
  const channel = new MessageChannel();
  channels.push(channel);
  channel.port2.on('message', (text: string) => order.push(`io: ${text}`));
  return (text) => channel.port1.postMessage(text);
}

/** Waits until `done` holds, a pass of the loop at a time (at most 100). */
async function until(done: () => boolean): Promise<void> {
  for (let pass = 0; pass < 100 && !done(); pass++) await settle(1);
}

describe('turns of the event loop', () => {
  it('are given one per pass of the loop: I/O that came meanwhile runs between two asked for at once', async () => {
    await settle(1); // in a pass's setImmediate phase, so the next pass starts with its I/O
    const order: string[] = [];
    const post = ioInto(order);
    for (const name of ['a', 'b', 'c']) {
      systemClock.nextTurn!(() => {
        order.push(name);
        post(`after ${name}`);
      });
    }
    await until(() => order.length === 6);
    expect(order).toEqual(['a', 'io: after a', 'b', 'io: after b', 'c', 'io: after c']);
  });

  it('skips one cancelled while it waits', async () => {
    const order: string[] = [];
    systemClock.nextTurn!(() => order.push('a'));
    const cancelled = systemClock.nextTurn!(() => order.push('b'));
    systemClock.nextTurn!(() => order.push('c'));
    systemClock.clearTurn!(cancelled);
    await until(() => order.length === 2);
    await settle(3);
    expect(order).toEqual(['a', 'c']);
  });
});

describe('a run whose agent answers at once', () => {
  it('asks the agent in a later pass than its start, and ends in a later pass than its last event', async () => {
    const order: string[] = [];
    const post = ioInto(order);
    const agent: Agent = {
      async *run(): AsyncGenerator<AgentEvent> {
        order.push('agent asked');
        yield { type: 'text-delta', text: 'Done' };
        post('after the last event');
        yield { type: 'text-delta', text: '.' };
      },
    };
    const harness = createHarness(join(tempDir(), 'navi.db'), agent);
    harnesses.push(harness);
    const session = harness.store.createSession();
    await settle(1);
    const run = harness.orchestrator.startRun(session.id, 'Check the deploy.');
    post('after the start');
    void run.done.then((outcome) => order.push(`ended ${outcome.status}`));
    await run.done;
    await until(() => order.length === 4);
    expect(order).toEqual(['io: after the start', 'agent asked', 'io: after the last event', 'ended completed']);
    expect(harness.store.allMessages(session.id).map((message) => message.status)).toEqual(['complete', 'complete']);
  });

  it('stopped before its agent was asked, ends stopped without asking it', async () => {
    let asked = false;
    const agent: Agent = {
      async *run(): AsyncGenerator<AgentEvent> {
        asked = true;
        yield { type: 'text-delta', text: 'Done.' };
      },
    };
    const harness = createHarness(join(tempDir(), 'navi.db'), agent);
    harnesses.push(harness);
    const session = harness.store.createSession();
    const run = harness.orchestrator.startRun(session.id, 'Check the deploy.');
    expect(harness.orchestrator.stop(session.id)).toBe(true);
    await expect(run.done).resolves.toMatchObject({ status: 'stopped' });
    expect(asked).toBe(false);
    expect(harness.orchestrator.isBusy(session.id)).toBe(false);
  });
});
