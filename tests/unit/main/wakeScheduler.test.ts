import { describe, expect, it } from 'vitest';
import type { WakeBackend } from '../../../src/main/wake/wakePlan';
import { WakeScheduler, type WakeStatus } from '../../../src/main/wake/wakeScheduler';
import { quietLogger } from '../../helpers/host';
import { ManualClock } from '../../helpers/manualClock';

const MINUTE = 60_000;
const start = Date.parse('2026-11-24T12:00:00Z');

function setup(options: { enabled?: boolean; due?: number; unavailable?: string; failWith?: string } = {}) {
  const clock = new ManualClock(start);
  const calls: string[] = [];
  let enabled = options.enabled ?? true;
  let due: number | undefined = options.due;
  let failWith = options.failWith;
  const warnings: string[] = [];
  const statuses: WakeStatus[] = [];
  const backend: WakeBackend = {
    unavailableReason: async () => {
      calls.push('check');
      return options.unavailable;
    },
    register: async (at) => {
      if (failWith) throw new Error(failWith);
      calls.push(`register ${new Date(at).toISOString()}`);
    },
    remove: async () => void calls.push('remove'),
  };
  const scheduler = new WakeScheduler({
    backend,
    enabled: () => enabled,
    nextDue: () => due,
    clock,
    logger: { ...quietLogger, warn: (message) => warnings.push(message) },
    onStatus: (status) => statuses.push(status),
  });
  return {
    clock,
    calls,
    warnings,
    statuses,
    scheduler,
    set: (change: { enabled?: boolean; due?: number | undefined; failWith?: string | undefined }) => {
      if ('enabled' in change) enabled = change.enabled!;
      if ('due' in change) due = change.due;
      if ('failWith' in change) failWith = change.failWith;
    },
  };
}

describe('the wake-up registration', () => {
  it('registers a minute before the next due recall, in whole minutes, and only when that time moves', async () => {
    const { scheduler, calls, set } = setup({ due: start + 10 * MINUTE + 30_000 });
    await scheduler.apply();
    expect(calls).toEqual(['check', 'register 2026-11-24T12:10:00.000Z']);
    expect(scheduler.status).toEqual({
      state: 'scheduled',
      at: start + 10 * MINUTE,
      dueAt: start + 10 * MINUTE + 30_000,
    });
    await scheduler.apply();
    expect(calls).toHaveLength(2); // same time: nothing to do
    set({ due: start + 5 * MINUTE });
    await scheduler.apply();
    expect(calls.slice(2)).toEqual(['register 2026-11-24T12:04:00.000Z']);
  });

  it('an overdue or imminent recall is covered a minute from now, never in the past', async () => {
    const { scheduler, calls } = setup({ due: start - 5 * MINUTE });
    await scheduler.apply();
    expect(calls).toEqual(['check', 'register 2026-11-24T12:01:00.000Z']);
  });

  it('removes the registration when nothing is pending, and when the setting goes off', async () => {
    const { scheduler, calls, set } = setup({ due: start + 60 * MINUTE });
    await scheduler.apply();
    set({ due: undefined });
    await scheduler.apply();
    expect(calls.slice(2)).toEqual(['remove']);
    expect(scheduler.status.state).toBe('idle');
    set({ due: start + 90 * MINUTE });
    await scheduler.apply();
    set({ enabled: false });
    await scheduler.apply();
    expect(calls.slice(3)).toEqual(['register 2026-11-24T13:29:00.000Z', 'remove']);
    expect(scheduler.status.state).toBe('off');
  });

  it('does nothing at all while the setting is off from the start', async () => {
    const { scheduler, calls } = setup({ enabled: false, due: start + MINUTE * 30 });
    await scheduler.apply();
    expect(calls).toEqual([]);
    expect(scheduler.status.state).toBe('off');
  });

  it('says why when the system cannot do it, and asks the system only once', async () => {
    const { scheduler, calls } = setup({ due: start + 30 * MINUTE, unavailable: 'No systemd user session.' });
    await scheduler.apply();
    await scheduler.apply();
    expect(calls).toEqual(['check']);
    expect(scheduler.status).toEqual({ state: 'unavailable', reason: 'No systemd user session.' });
  });

  it('a failure shows in the status, is logged once, and the next change tries again', async () => {
    const { scheduler, calls, warnings, set } = setup({
      due: start + 30 * MINUTE,
      failWith: 'schtasks failed: Access is denied.',
    });
    await scheduler.apply();
    await scheduler.apply();
    expect(scheduler.status).toEqual({ state: 'failed', reason: 'schtasks failed: Access is denied.' });
    expect(warnings).toEqual([
      'Could not schedule the background start for recalls: schtasks failed: Access is denied.',
    ]);
    set({ failWith: undefined });
    await scheduler.apply();
    expect(calls.at(-1)).toBe('register 2026-11-24T12:29:00.000Z');
    expect(scheduler.status.state).toBe('scheduled');
  });

  it('a burst of changes settles into one registration', async () => {
    const { scheduler, calls, clock, set, statuses } = setup({ due: start + 30 * MINUTE });
    for (let i = 1; i <= 20; i++) {
      set({ due: start + (30 + i) * MINUTE });
      scheduler.refresh();
    }
    expect(calls).toEqual([]);
    clock.advance(2_000);
    await scheduler.apply(); // waits for the run the timer started
    expect(calls).toEqual(['check', 'register 2026-11-24T12:49:00.000Z']);
    expect(statuses.map((status) => status.state)).toEqual(['scheduled']);
    scheduler.dispose();
    scheduler.refresh();
    expect(clock.pendingTimers).toBe(0);
  });
});
