import { describe, expect, it } from 'vitest';
import { unattendedElicitation } from '../../../src/core/approvals/unattendedElicitation';
import { RunInteractions } from '../../../src/core/sessions/runInteractions';
import type { UnsequencedEvent } from '../../../src/core/sessions/sessionChannel';
import type { ElicitationRequest } from '../../../src/core/tools/types';
import { UNATTENDED_APPROVAL_WAIT_MS, type AppEvent, type UnattendedPolicy } from '../../../src/shared/contract';
import { quietLogger } from '../../helpers/host';
import { ManualClock } from '../../helpers/manualClock';

const question: ElicitationRequest = {
  serverName: 'Everything',
  message: 'Which colour?',
  fields: [
    {
      kind: 'text',
      name: 'colour',
      label: 'Colour',
      description: null,
      required: true,
      format: null,
      minLength: null,
      maxLength: null,
      default: null,
    },
  ],
};

/** A recall run's interactions whose server questions follow the recall's unattended policy. */
function recallRun(unattendedPolicy: UnattendedPolicy) {
  const clock = new ManualClock(Date.parse('2026-11-24T12:00:00Z'));
  const published: AppEvent[] = [];
  const events: UnsequencedEvent[] = [];
  const interactions = new RunInteractions({
    sessionId: 's1',
    runId: 'run1',
    origin: 'recall',
    emit: (event) => events.push(event),
    clock,
    newId: () => 'q1',
    logger: quietLogger,
    unattended: unattendedElicitation(
      { clock, publish: (event) => published.push(event), sessionTitle: () => 'Colours' },
      { recallId: 'r1', unattendedPolicy },
    ),
  });
  const ask = () => interactions.forToolCall('call1').elicit(question, new AbortController().signal);
  return { clock, published, events, interactions, ask };
}

describe("an MCP server's question in a recall run, by the recall's unattended policy", () => {
  it('deny: declined at once, nobody is notified, nothing is left waiting', async () => {
    const run = recallRun('deny');
    await expect(run.ask()).resolves.toEqual({ action: 'decline' });
    expect(run.published).toEqual([]);
    expect(run.clock.pendingTimers).toBe(0);
    expect(run.events.at(-1)).toMatchObject({ type: 'elicitation-resolved', resolution: 'unattended' });
  });

  it('wait: notifies with the deadline; a person answering in time settles it and ends the wait', async () => {
    const run = recallRun('wait');
    const answer = run.ask();
    expect(run.published).toEqual([
      expect.objectContaining({
        type: 'approval-needed',
        recallId: 'r1',
        title: 'Navi needs your answer for Everything',
        text: 'A recall in “Colours” is waiting for your answer (up to 30 minutes).',
        expiresAt: run.clock.now() + UNATTENDED_APPROVAL_WAIT_MS,
      }),
    ]);
    expect(run.clock.pendingTimers).toBe(1);
    run.clock.advance(UNATTENDED_APPROVAL_WAIT_MS - 1);
    expect(run.interactions.answer('q1', 'accept', { colour: 'teal' })).toBe(true);
    await expect(answer).resolves.toEqual({ action: 'accept', content: { colour: 'teal' } });
    // The wait's timer went with the question: nothing fires 30 minutes later.
    expect(run.clock.pendingTimers).toBe(0);
    expect(run.events.at(-1)).toMatchObject({ type: 'elicitation-resolved', resolution: 'answered' });
  });

  it('wait: with no answer the question is cancelled after the stated time', async () => {
    const run = recallRun('wait');
    const answer = run.ask();
    run.clock.advance(UNATTENDED_APPROVAL_WAIT_MS - 1);
    expect(run.interactions.pendingElicitations).toHaveLength(1);
    run.clock.advance(1);
    await expect(answer).resolves.toEqual({ action: 'cancel' });
    expect(run.interactions.pendingElicitations).toEqual([]);
    expect(run.events.at(-1)).toMatchObject({
      type: 'elicitation-resolved',
      action: 'cancel',
      resolution: 'unattended',
    });
  });
});
