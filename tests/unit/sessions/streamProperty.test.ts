import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTerminalEvent, messageText, type ChatEvent } from '../../../src/shared/contract';
import { ControlledAgent, settle } from '../../helpers/controlledAgent';
import { createHarness, RecordingSink } from '../../helpers/sessions';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

type Command =
  | { t: 'subscribe'; fromSnapshot: boolean; back: number }
  | { t: 'unsubscribe'; who: number }
  | { t: 'congest'; who: number; on: boolean }
  | { t: 'delta'; text: string }
  | { t: 'tool' }
  | { t: 'tick'; ms: number }
  | { t: 'stop' }
  | { t: 'complete' }
  | { t: 'send' };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('subscribe' as const), fromSnapshot: fc.boolean(), back: fc.nat(12) }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unsubscribe' as const), who: fc.nat(8) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('congest' as const), who: fc.nat(8), on: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({ t: fc.constant('delta' as const), text: fc.string({ minLength: 1, maxLength: 4 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'tool' as const }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('tick' as const), ms: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'stop' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'complete' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'send' as const }) },
);

interface Watcher {
  readonly sink: RecordingSink;
  readonly fromSeq: number;
  /** Text of the reply in progress when it subscribed from a snapshot (run id -> text). */
  readonly partial: { runId: string; text: string } | undefined;
  dispose(): void;
  left: boolean;
}

describe('streaming property', () => {
  // 150 runs, each on a fresh SQLite file: about 11 s on a quiet 2-core machine, so well over the
  // default 20 s limit while the browser tests load both cores.
  it(
    'every subscriber gets a gap-free, duplicate-free sequence with exactly one terminal event per run',
    { timeout: 90_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(command, { minLength: 1, maxLength: 60 }),
          fc.integer({ min: 4, max: 40 }),
          async (commands, capacity) => {
            const agent = new ControlledAgent();
            const harness = createHarness(join(tempDir(), 'navi.db'), agent, {
              bufferCapacity: capacity,
              coalescing: { maxPendingEvents: 30 },
            });
            try {
              const { orchestrator, store, clock } = harness;
              const session = store.createSession();
              const watchers: Watcher[] = [];
              const runs: Promise<unknown>[] = [orchestrator.startRun(session.id, 'start').done];
              await settle(2);

              for (const c of commands) {
                const live = agent.runs.length > 0 && orchestrator.isBusy(session.id);
                switch (c.t) {
                  case 'subscribe': {
                    const snapshot = orchestrator.snapshot(session.id);
                    const fromSeq = c.fromSnapshot ? snapshot.seq + 1 : Math.max(1, snapshot.seq + 1 - c.back);
                    const sink = new RecordingSink();
                    const subscription = orchestrator.subscribe(session.id, fromSeq, sink);
                    const partial =
                      c.fromSnapshot && snapshot.activeRun
                        ? { runId: snapshot.activeRun.runId, text: messageText(snapshot.activeRun.partial) }
                        : undefined;
                    watchers.push({ sink, fromSeq, partial, dispose: () => subscription.dispose(), left: false });
                    break;
                  }
                  case 'unsubscribe': {
                    const watcher = watchers[c.who % Math.max(1, watchers.length)];
                    if (watcher && !watcher.left) {
                      watcher.left = true;
                      watcher.dispose();
                    }
                    break;
                  }
                  case 'congest': {
                    const watcher = watchers[c.who % Math.max(1, watchers.length)];
                    if (watcher) watcher.sink.congested = c.on;
                    break;
                  }
                  case 'delta':
                    if (live) agent.last.delta(c.text);
                    break;
                  case 'tool':
                    if (live) agent.last.event({ type: 'tool-call', toolCallId: 't', toolName: 'noop', input: {} });
                    break;
                  case 'tick':
                    clock.advance(c.ms);
                    break;
                  case 'stop':
                    orchestrator.stop(session.id);
                    break;
                  case 'complete':
                    if (live) agent.last.complete();
                    break;
                  case 'send':
                    if (!orchestrator.isBusy(session.id)) runs.push(orchestrator.startRun(session.id, 'again').done);
                    break;
                }
                await settle(2);
              }
              if (orchestrator.isBusy(session.id)) agent.last.complete();
              await Promise.all(runs);
              for (const watcher of watchers) watcher.sink.congested = false;
              clock.advance(1000);

              const stored = new Map(store.allMessages(session.id).map((m) => [m.id, messageText(m)]));
              for (const watcher of watchers) checkWatcher(watcher, stored);
            } finally {
              await harness.close();
            }
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});

function checkWatcher(watcher: Watcher, storedText: Map<string, string>): void {
  const { messages } = watcher.sink;
  const reloadAt = messages.findIndex((m) => m.kind === 'reload');
  // After a reload nothing more arrives: the window fetches a snapshot and subscribes again.
  if (reloadAt >= 0) expect(reloadAt).toBe(messages.length - 1);
  const batches = messages.flatMap((m) => (m.kind === 'events' ? [m] : []));
  let expectedFrom = watcher.fromSeq;
  const events: ChatEvent[] = [];
  for (const batch of batches) {
    expect(batch.fromSeq).toBe(expectedFrom);
    expect(batch.events.length).toBeGreaterThan(0);
    let previous = batch.fromSeq - 1;
    for (const event of batch.events) {
      expect(event.seq).toBeGreaterThan(previous);
      previous = event.seq;
    }
    expect(previous).toBe(batch.toSeq);
    expectedFrom = batch.toSeq + 1;
    events.push(...batch.events);
  }

  const terminalsByRun = new Map<string, number>();
  const textByRun = new Map<string, string>();
  let startedRuns = 0;
  for (const event of events) {
    if (event.type === 'run-started') startedRuns++;
    if (event.type === 'text-delta') textByRun.set(event.runId, (textByRun.get(event.runId) ?? '') + event.text);
    if (isTerminalEvent(event)) {
      terminalsByRun.set(event.runId, (terminalsByRun.get(event.runId) ?? 0) + 1);
      // The reply it saw is the reply that was stored (snapshot part + what streamed after it).
      const prefix = watcher.partial?.runId === event.runId ? watcher.partial.text : '';
      if (event.message && (prefix || events.some((e) => e.type === 'run-started' && e.runId === event.runId))) {
        expect(prefix + (textByRun.get(event.runId) ?? '')).toBe(storedText.get(event.message.id));
      }
    }
  }
  for (const count of terminalsByRun.values()) expect(count).toBe(1);
  if (!watcher.left && reloadAt < 0) {
    // Still watching at the end: every run it saw start, it saw end, exactly once.
    for (const event of events) {
      if (event.type === 'run-started') expect(terminalsByRun.get(event.runId)).toBe(1);
    }
    expect(terminalsByRun.size).toBeGreaterThanOrEqual(startedRuns);
  }
}
