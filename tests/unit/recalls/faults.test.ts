import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/ports';
import { RecallStore, type RecallChange, type StoredRecall } from '../../../src/core/recalls/recallStore';
import { ControlledAgent, settle } from '../../helpers/controlledAgent';
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

/** Keeps what the scheduler logs, so "logged once" can be checked. */
class RecordingLogger implements Logger {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  info = (): void => {};
  warn = (message: string): void => void this.warnings.push(message);
  error = (message: string): void => void this.errors.push(message);
}

/** The real store, whose writes (or reads) fail with a real SqliteError while `fault` is set. */
class FaultyRecallStore extends RecallStore {
  fault: { code: string; reads?: boolean } | undefined;

  private check(read = false): void {
    if (this.fault && (!read || this.fault.reads)) {
      throw new BetterSqlite3.SqliteError(`injected ${this.fault.code}`, this.fault.code);
    }
  }
  override update(id: string, change: RecallChange, run?: Parameters<RecallStore['update']>[2]) {
    this.check();
    return super.update(id, change, run);
  }
  override claim(id: string, run: { promptId: string; replyId: string }): boolean {
    this.check();
    return super.claim(id, run);
  }
  override due(now: number, limit: number): StoredRecall[] {
    this.check(true);
    return super.due(now, limit);
  }
  override earliestDue(): number | undefined {
    this.check(true);
    return super.earliestDue();
  }
}

function setup<A extends CountingAgent | ControlledAgent>(agent: A) {
  const logger = new RecordingLogger();
  let faulty!: FaultyRecallStore;
  const harness = createRecallHarness(join(tempDir(), 'navi.db'), agent, {
    logger,
    makeStore: (db, now) => (faulty = new FaultyRecallStore(db, now)),
  });
  open.push(harness);
  const session = harness.sessions.createSession('Deploy watch');
  return { harness, logger, faulty, agent, session };
}

/**
 * Makes the database file unable to grow (`max_page_count`), then uses up the room left in its
 * pages with messages of another conversation, as a full disk would: from then on writing a
 * message fails with a real SQLITE_FULL.
 */
function fillDisk(harness: RecallHarness): void {
  const { db } = harness.database;
  const filler = harness.sessions.createSession('Filler');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  for (const size of [2000, 200, 20]) {
    try {
      for (;;) {
        harness.sessions.appendMessage({
          sessionId: filler.id,
          role: 'user',
          parts: [{ type: 'text', text: 'x'.repeat(size) }],
          status: 'complete',
          origin: 'user',
        });
      }
    } catch (error) {
      expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    }
  }
}

const freeDisk = (db: BetterSqlite3.Database): void => void db.pragma('max_page_count = 1073741823');

/** Moves time on in steps, letting runs started on the way finish; a throw from a timer fails the test. */
async function advance(harness: RecallHarness, ms: number, step = 5 * SECOND): Promise<void> {
  for (let left = ms; left > 0; left -= step) {
    harness.clock.advance(Math.min(step, left));
    await settle(4);
  }
}

describe('recalls when storage fails', () => {
  it('a recall due while the disk is full (a real SQLITE_FULL) waits, says why, and runs once there is room', async () => {
    const logger = new RecordingLogger();
    const agent = new CountingAgent();
    const harness = createRecallHarness(join(tempDir(), 'navi.db'), agent, { logger });
    open.push(harness);
    const { db } = harness.database;
    const session = harness.sessions.createSession('Deploy watch');
    // Long instructions: writing the prompt needs new pages, which a full disk cannot give.
    const recall = harness.scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: harness.clock.now() + MINUTE },
      message: 'Check whether the deploy finished and summarise the logs. '.repeat(60),
      createdBy: 'user',
    });
    fillDisk(harness);

    await advance(harness, 2 * MINUTE);
    expect(agent.runs).toHaveLength(0);
    const health = harness.scheduler.health();
    expect(health.problem?.message).toMatch(/^The disk is full, so Navi cannot record recall runs\./);
    expect(health.problem?.waitingRecallIds).toEqual([recall.id]);
    expect(harness.appEvents).toContainEqual({ type: 'recalls-health', health });
    // Waiting is not a failed try: nothing ran.
    expect(harness.recallStore.get(recall.id)).toMatchObject({ status: 'pending', attempts: 0, lastOutcome: null });

    await advance(harness, 10 * MINUTE);
    expect(agent.runs).toHaveLength(0);
    expect(logger.errors.filter((line) => /disk is full/.test(line))).toHaveLength(1);

    freeDisk(db);
    await advance(harness, 30 * SECOND);
    expect(agent.runs).toHaveLength(1);
    expect(harness.scheduler.health()).toEqual({ problem: null });
    expect(harness.appEvents.filter((e) => e.type === 'recalls-health').at(-1)).toEqual({
      type: 'recalls-health',
      health: { problem: null },
    });
    expect(harness.recallStore.get(recall.id)).toMatchObject({ status: 'done', lastOutcome: 'success' });
    expect(harness.scheduler.history().map((run) => run.outcome)).toEqual(['success']);
  });

  it('a run that ends while writes fail is recorded once they work again, and never runs twice', async () => {
    const { harness, faulty, agent, session, logger } = setup(new ControlledAgent());
    const recall = harness.scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: harness.clock.now() + SECOND },
      message: 'Check the deploy',
      createdBy: 'user',
    });
    await advance(harness, 2 * SECOND, SECOND);
    expect(agent.runs).toHaveLength(1);
    faulty.fault = { code: 'SQLITE_FULL' };
    agent.last.delta('Deployed.');
    agent.last.complete();
    await settle(6); // the run ends; recording it fails inside a promise callback
    expect(harness.scheduler.health().problem).toMatchObject({ waitingRecallIds: [recall.id] });
    expect(harness.recallStore.get(recall.id)?.status).toBe('running');

    await advance(harness, HOUR, 10 * SECOND);
    expect(agent.runs).toHaveLength(1);
    expect(harness.notifications).toEqual([]);
    expect(logger.errors.filter((line) => /disk is full/.test(line))).toHaveLength(1);

    faulty.fault = undefined;
    await advance(harness, 30 * SECOND);
    expect(harness.recallStore.get(recall.id)).toMatchObject({ status: 'done', lastOutcome: 'success' });
    expect(harness.scheduler.history().map((run) => run.outcome)).toEqual(['success']);
    expect(harness.notifications).toMatchObject([{ kind: 'fired', text: 'Deployed.' }]);
    expect(harness.scheduler.health().problem).toBeNull();
    await advance(harness, HOUR, 10 * SECOND);
    expect(agent.runs).toHaveLength(1);
  });

  it('nothing a failing read throws escapes the timer; the scheduler carries on when it clears', async () => {
    const { harness, faulty, agent, session } = setup(new CountingAgent());
    harness.scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'interval', everySeconds: 60 },
      message: 'Poll',
      createdBy: 'user',
    });
    faulty.fault = { code: 'SQLITE_IOERR_READ', reads: true };
    await advance(harness, 5 * MINUTE); // a throw out of a timer callback would fail the test here
    expect(agent.runs).toHaveLength(0);
    expect(harness.scheduler.health().problem?.message).toMatch(/could not read or write its database/);
    faulty.fault = undefined;
    await advance(harness, MINUTE);
    expect(agent.runs.length).toBeGreaterThanOrEqual(1);
    expect(harness.scheduler.health().problem).toBeNull();
  });

  const startFailures: [string, (harness: RecallHarness, sessionId: string) => void, RegExp][] = [
    [
      'its conversation row is gone',
      (harness, sessionId) => {
        const { db } = harness.database;
        db.pragma('foreign_keys = OFF');
        db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
        db.pragma('foreign_keys = ON');
      },
      /does not exist/,
    ],
    [
      'writing its prompt fails',
      (harness) =>
        harness.database.db.exec(
          "CREATE TRIGGER refuse_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END",
        ),
      /refused by a trigger/,
    ],
    [
      'the search index is damaged',
      (harness) => {
        // Through a second connection, as damage from outside would come: the scheduler's own
        // connection then finds its cached index structure stale and reads the damaged one.
        const other = new BetterSqlite3(harness.database.db.name);
        other.unsafeMode(true);
        other.prepare("UPDATE message_search_data SET block = x'ffffffffffff' WHERE id = 10").run(); // structure
        other.close();
      },
      /corrupt/,
    ],
  ];

  it.each(startFailures)(
    'a recall that cannot start because %s backs off and gives up instead of firing again at once',
    async (_name, breakIt, reason) => {
      const { harness, agent, session } = setup(new CountingAgent());
      const recall = harness.scheduler.create({
        sessionId: session.id,
        schedule: { kind: 'once', at: harness.clock.now() + SECOND },
        message: 'Check the deploy',
        createdBy: 'user',
      });
      breakIt(harness, session.id);
      await advance(harness, 2 * SECOND, SECOND);
      // One try, one history row: not a loop writing a row per pass.
      expect(harness.scheduler.history()).toHaveLength(1);
      expect(harness.recallStore.get(recall.id)).toMatchObject({ status: 'pending', attempts: 1 });
      expect(harness.recallStore.get(recall.id)!.lastError).toMatch(reason);
      await advance(harness, 27 * SECOND, SECOND);
      expect(harness.scheduler.history()).toHaveLength(1);
      await advance(harness, 3 * MINUTE, SECOND); // tries after 30 s and 2 min more
      expect(agent.runs).toHaveLength(0);
      expect(harness.scheduler.history().map((run) => run.outcome)).toEqual(['failed', 'failed', 'failed']);
      expect(harness.recallStore.get(recall.id)).toMatchObject({ status: 'failed', attempts: 3 });
      expect(harness.recallStore.get(recall.id)!.lastError).toMatch(/gave up after 3 tries/);
      expect(harness.notifications).toMatchObject([{ kind: 'failed', recallId: recall.id }]);
    },
  );
});
