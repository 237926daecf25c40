import { describe, expect, it } from 'vitest';
import {
  PROGRESS_INTERVAL_MS,
  RunInteractions,
  type UnattendedElicitationPolicy,
} from '../../../src/core/sessions/runInteractions';
import type { UnsequencedEvent } from '../../../src/core/sessions/sessionChannel';
import type { ElicitationRequest } from '../../../src/core/tools/types';
import { elicitationProblems, type ElicitationField } from '../../../src/shared/contract/elicitation';
import { ManualClock } from '../../helpers/manualClock';
import { quietLogger } from '../../helpers/host';

const nameField: ElicitationField = {
  kind: 'text',
  name: 'name',
  label: 'Name',
  description: null,
  required: true,
  format: null,
  minLength: 2,
  maxLength: null,
  default: null,
};
const question: ElicitationRequest = { serverName: 'srv', message: 'Who are you?', fields: [nameField] };

function setup(origin: 'user' | 'recall' = 'user', unattended?: UnattendedElicitationPolicy) {
  const clock = new ManualClock();
  const events: UnsequencedEvent[] = [];
  let id = 0;
  const interactions = new RunInteractions({
    sessionId: 's1',
    runId: 'r1',
    origin,
    emit: (event) => events.push(event),
    clock,
    newId: () => `q${++id}`,
    logger: quietLogger,
    unattended: unattended ?? (async () => ({ action: 'decline' })),
  });
  const progressEvents = () =>
    events.flatMap((event) => (event.type === 'tool-progress' ? [event.progress.progress] : []));
  return { clock, events, interactions, progressEvents };
}

describe('RunInteractions: progress', () => {
  it('sends at most one progress event per interval per call, always ending on the latest value', () => {
    const { clock, interactions, progressEvents } = setup();
    const tool = interactions.forToolCall('call-1');
    tool.reportProgress({ progress: 1, total: 100 });
    for (let step = 2; step <= 40; step++) tool.reportProgress({ progress: step, total: 100 });
    expect(progressEvents()).toEqual([1]);
    expect(interactions.toolProgress).toEqual([{ toolCallId: 'call-1', progress: 40, total: 100, message: null }]);
    clock.advance(PROGRESS_INTERVAL_MS);
    expect(progressEvents()).toEqual([1, 40]);
    // Reaching the total is sent at once.
    tool.reportProgress({ progress: 100, total: 100, message: 'done' });
    expect(progressEvents()).toEqual([1, 40, 100]);
    interactions.toolFinished('call-1');
    expect(interactions.toolProgress).toEqual([]);
  });

  it('drops a pending trailing update once the tool has finished', () => {
    const { clock, interactions, progressEvents } = setup();
    const tool = interactions.forToolCall('call-1');
    tool.reportProgress({ progress: 1 });
    tool.reportProgress({ progress: 2 });
    interactions.toolFinished('call-1');
    clock.advance(PROGRESS_INTERVAL_MS * 2);
    expect(progressEvents()).toEqual([1]);
  });
});

describe('RunInteractions: questions', () => {
  it('waits for an answer, refuses one that does not fit the form, and takes only the first', async () => {
    const { interactions, events } = setup();
    const answer = interactions.forToolCall('call-1').elicit(question, new AbortController().signal);
    expect(interactions.pendingElicitations).toEqual([{ id: 'q1', toolCallId: 'call-1', ...question }]);
    expect(() => interactions.answer('q1', 'accept', { name: 'A' })).toThrow('name: Enter at least 2 characters');
    expect(interactions.answer('q1', 'accept', { name: 'Ada' })).toBe(true);
    expect(interactions.answer('q1', 'decline', undefined)).toBe(false);
    await expect(answer).resolves.toEqual({ action: 'accept', content: { name: 'Ada' } });
    expect(events.at(-1)).toEqual({
      type: 'elicitation-resolved',
      runId: 'r1',
      elicitationId: 'q1',
      action: 'accept',
      resolution: 'answered',
    });
    expect(interactions.pendingElicitations).toEqual([]);
  });

  it('withdraws the question when the server or the run gives up', async () => {
    const { interactions, events } = setup();
    const stop = new AbortController();
    const first = interactions.forToolCall('call-1').elicit(question, stop.signal);
    const second = interactions.forToolCall('call-2').elicit(question, new AbortController().signal);
    stop.abort();
    await expect(first).resolves.toEqual({ action: 'cancel' });
    interactions.dispose();
    await expect(second).resolves.toEqual({ action: 'cancel' });
    expect(events.filter((event) => event.type === 'elicitation-resolved').map((event) => event)).toEqual([
      expect.objectContaining({ elicitationId: 'q1', action: 'cancel', resolution: 'withdrawn' }),
      expect.objectContaining({ elicitationId: 'q2', action: 'cancel', resolution: 'withdrawn' }),
    ]);
  });

  it('answers by the unattended policy in a recall run, unless a person answered first', async () => {
    let release!: () => void;
    const waitForPerson: UnattendedElicitationPolicy = () =>
      new Promise((resolve) => (release = () => resolve({ action: 'decline' })));
    const declined = setup('recall');
    await expect(
      declined.interactions.forToolCall('c').elicit(question, new AbortController().signal),
    ).resolves.toEqual({
      action: 'decline',
    });
    expect(declined.events.at(-1)).toMatchObject({ resolution: 'unattended', action: 'decline' });

    const waiting = setup('recall', waitForPerson);
    const answer = waiting.interactions.forToolCall('c').elicit(question, new AbortController().signal);
    expect(waiting.interactions.answer('q1', 'accept', { name: 'Ada' })).toBe(true);
    release();
    await expect(answer).resolves.toEqual({ action: 'accept', content: { name: 'Ada' } });
  });
});

describe('elicitationProblems', () => {
  const fields: ElicitationField[] = [
    nameField,
    {
      kind: 'number',
      name: 'age',
      label: 'Age',
      description: null,
      required: false,
      integer: true,
      minimum: 0,
      maximum: 150,
      default: null,
    },
    { kind: 'boolean', name: 'ok', label: 'OK', description: null, required: true, default: null },
    {
      kind: 'multi-choice',
      name: 'tags',
      label: 'Tags',
      description: null,
      required: false,
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
      minItems: null,
      maxItems: 1,
      default: null,
    },
  ];

  it('names each problem by field, and accepts a fitting answer (false is an answer)', () => {
    expect(elicitationProblems(fields, { name: 'Ada', ok: false })).toEqual({});
    expect(elicitationProblems(fields, { age: 1.5, tags: ['a', 'b'], extra: 'x' })).toEqual({
      name: 'This is required',
      age: 'Enter a whole number',
      ok: 'This is required',
      tags: 'Choose at most 1 option',
      extra: 'The server did not ask for this',
    });
  });
});
