import { describe, expect, it } from 'vitest';
import type { ChatStreamMessage } from '../../../src/shared/contract';
import { CoalescingSubscriber, DEFAULT_COALESCING } from '../../../src/core/sessions/coalescingSubscriber';
import { ManualClock } from '../../helpers/manualClock';

describe('coalescing subscriber bounds', () => {
  it('counts merged text pieces toward its limit, so a stalled reader of tiny deltas is told to reload', () => {
    const clock = new ManualClock();
    const delivered: ChatStreamMessage[] = [];
    let congested = true;
    let detached = false;
    const subscriber = new CoalescingSubscriber(
      { deliver: (message) => delivered.push(message), isCongested: () => congested },
      clock,
      { ...DEFAULT_COALESCING, maxPendingEvents: 100 },
      () => (detached = true),
    );
    // One run's one-character deltas all merge into one pending entry; each piece is still held.
    for (let seq = 1; seq <= 101; seq++) subscriber.push({ type: 'text-delta', runId: 'r', seq, text: 'x' });
    expect(subscriber.pendingCount).toBe(0);
    clock.advance(1000);
    expect(delivered).toEqual([]);
    congested = false;
    clock.advance(DEFAULT_COALESCING.intervalMs);
    expect(delivered).toEqual([{ kind: 'reload', seq: 101 }]);
    expect(detached).toBe(true);
  });

  it('delivers merged deltas up to the limit as one message', () => {
    const clock = new ManualClock();
    const delivered: ChatStreamMessage[] = [];
    const subscriber = new CoalescingSubscriber(
      { deliver: (message) => delivered.push(message) },
      clock,
      { ...DEFAULT_COALESCING, maxPendingEvents: 100 },
      () => {},
    );
    for (let seq = 1; seq <= 100; seq++) subscriber.push({ type: 'text-delta', runId: 'r', seq, text: 'x' });
    clock.advance(DEFAULT_COALESCING.intervalMs);
    expect(delivered).toEqual([
      {
        kind: 'events',
        fromSeq: 1,
        toSeq: 100,
        events: [{ type: 'text-delta', runId: 'r', seq: 100, text: 'x'.repeat(100) }],
      },
    ]);
  });
});
