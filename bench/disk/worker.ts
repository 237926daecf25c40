/**
 * One side of the disk benchmark, in its own process (so LD_PRELOAD's slow disk is its own):
 * `node --import tsx bench/disk/worker.ts worker|auto <data dir>`. A window follows a long stream
 * while a burst of recalls fires, each storing a reply of a few pages; prints one JSON line with
 * the longest event-loop block and the recalls' lateness.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';
import type { Agent, AgentEvent } from '../../src/core/agent/types';
import { openDatabase } from '../../src/core/db/database';
import { AppEventBus } from '../../src/core/events/appEventBus';
import { systemClock } from '../../src/core/ports';
import { RecallScheduler } from '../../src/core/recalls/recallScheduler';
import { RecallStore } from '../../src/core/recalls/recallStore';
import { Orchestrator } from '../../src/core/sessions/orchestrator';
import { SessionStore } from '../../src/core/store/sessionStore';
import { quantile } from '../lib/sides';
import { StallProbe } from '../lib/timing';
import { FramingSink } from '../sessions/fixtures';
import { BlockProfile } from './blockProfile';

const [mode = 'worker', dir = ''] = process.argv.slice(2);
const RECALLS = 400;
/** The burst: every recall due within this window. */
const BURST_MS = 2_000;
const STREAM_DELTAS = 3_000;
const STREAM_INTERVAL_MS = 1;
/**
 * Each recall's run: a tool result of about three 4 KiB pages (tool output is not in the search
 * index, so the write is mostly WAL pages) and a short answer.
 */
const TOOL_OUTPUT = {
  checks: Array.from({ length: 120 }, (_, index) => ({ name: `check ${index}`, passed: true, ms: index * 7 })),
};
const quiet = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

const lateness: number[] = [];
const dueBySession = new Map<string, number>();
let streamSession = '';

const agent: Agent = {
  async *run(request): AsyncGenerator<AgentEvent> {
    if (request.sessionId === streamSession) {
      for (let index = 0; index < STREAM_DELTAS; index++) {
        await sleep(STREAM_INTERVAL_MS);
        profile?.mark('delta');
        yield { type: 'text-delta', text: index % 10 === 9 ? 'ok\n' : 'ok ' };
      }
      return;
    }
    const due = dueBySession.get(request.sessionId);
    if (due !== undefined) lateness.push(Date.now() - due);
    profile?.mark('recall run');
    yield { type: 'tool-call', toolCallId: 'check', toolName: 'deploy_status', input: {} };
    yield { type: 'tool-result', toolCallId: 'check', toolName: 'deploy_status', output: TOOL_OUTPUT, isError: false };
    yield { type: 'text-delta', text: 'The deploy finished; every check passed.' };
  },
};

/** The longest single write (a statement outside a transaction, or a whole transaction) so far, ms. */
let longestWriteMs = 0;

/**
 * Times every write on `db`: a commit that runs SQLite's automatic checkpoint shows up here as a
 * write that took the checkpoint's fsyncs long.
 */
function timeWrites(db: Database, note?: (startMs: number, endMs: number, what: string) => void): void {
  const timed =
    <A extends unknown[], R>(call: (...args: A) => R, what: string) =>
    (...args: A): R => {
      const start = performance.now();
      try {
        return call(...args);
      } finally {
        const end = performance.now();
        longestWriteMs = Math.max(longestWriteMs, end - start);
        note?.(start, end, what);
      }
    };
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    if (!statement.reader) statement.run = timed(statement.run.bind(statement), source.slice(0, 40));
    else if (note) {
      // Reads only noted (what a block held), never counted as writes.
      const read =
        <A extends unknown[], R>(call: (...args: A) => R) =>
        (...args: A): R => {
          const start = performance.now();
          try {
            return call(...args);
          } finally {
            note(start, performance.now(), `read ${source.replace(/\s+/g, ' ').slice(0, 50)}`);
          }
        };
      statement.get = read(statement.get.bind(statement)) as typeof statement.get;
      statement.all = read(statement.all.bind(statement)) as typeof statement.all;
    }
    return statement;
  }) as typeof db.prepare;
  const transaction = db.transaction.bind(db);
  db.transaction = ((body: (...args: unknown[]) => unknown) =>
    timed(transaction(body), `transaction ${body.name}`)) as typeof db.transaction;
}

let profile: BlockProfile | undefined;

async function main(): Promise<void> {
  const database = openDatabase(join(dir, 'navi.db'), {
    checkpoints: mode === 'auto' ? 'auto' : 'worker',
    logger: quiet,
  });
  // NAVI_BLOCK_PROFILE=<file>: what ran in the longest blocks (NAVI_BLOCK_PROFILE_US sampling
  // interval, 0 for none: then only GC pauses and writes; any sampling slows the run down).
  const profileFile = process.env.NAVI_BLOCK_PROFILE;
  const blocks = profileFile ? new BlockProfile(4, Number(process.env.NAVI_BLOCK_PROFILE_US ?? 100)) : undefined;
  profile = blocks;
  timeWrites(database.db, blocks && ((start, end, what) => blocks.noteWrite(start, end, what)));
  const sessions = new SessionStore(database.db);
  const bus = new AppEventBus();
  const orchestrator = new Orchestrator({ store: sessions, agent: () => agent, bus, logger: quiet });
  const recalls = new RecallStore(database.db, Date.now);
  const scheduler = new RecallScheduler({ recalls, sessions, orchestrator, bus, clock: systemClock, logger: quiet });

  // Warm the database up: a WAL that already holds pages, as after a while of use.
  const start = Date.now() + 3_000;
  for (let index = 0; index < RECALLS; index++) {
    const session = sessions.createSession(`Recall ${index}`);
    const due = start + Math.floor((index / RECALLS) * BURST_MS);
    dueBySession.set(session.id, due);
    scheduler.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: due },
      message: 'Check whether the deploy finished.',
      createdBy: 'user',
    });
  }
  const stream = sessions.createSession('A long stream');
  streamSession = stream.id;
  scheduler.start();
  await sleep(start - Date.now() - 500);

  const from = orchestrator.snapshot(stream.id).seq + 1;
  const window = new FramingSink(from);
  const subscription = orchestrator.subscribe(stream.id, from, window);
  await profile?.start();
  if (profile && process.env.NAVI_BLOCK_TIMERS) {
    const setTimer = globalThis.setTimeout;
    globalThis.setTimeout = ((callback: () => void, ms?: number) =>
      setTimer(() => {
        profile?.mark(`timer ${ms}`);
        callback();
      }, ms)) as typeof setTimeout;
  }
  const probe = new StallProbe();
  probe.start();
  longestWriteMs = 0;
  const run = orchestrator.startRun(stream.id, 'Write a long reply.');
  await run.done;
  await window.terminal();
  while (lateness.length < RECALLS && Date.now() < start + BURST_MS + 30_000) await sleep(20);
  const longestBlockMs = probe.stop();
  if (profile && profileFile) await profile.stop(profileFile);
  subscription.dispose();
  scheduler.dispose();
  await orchestrator.close(1_000);
  database.close();
  await database.closed;
  process.stdout.write(
    `${JSON.stringify({
      longestBlockMs,
      longestWriteMs,
      fired: lateness.length,
      latenessP50: quantile(lateness, 0.5),
      latenessP99: quantile(lateness, 0.99),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
