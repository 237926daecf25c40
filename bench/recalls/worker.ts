/**
 * One side of the recall benchmark, in its own process so resident memory and CPU are its own:
 * `node --import tsx bench/recalls/worker.ts navi|timers <db file> <window start ms>`.
 * Prints one JSON line with its measurements.
 */
import { performance } from 'node:perf_hooks';
import type { Agent } from '../../src/core/agent/types';
import { openDatabase } from '../../src/core/db/database';
import { AppEventBus } from '../../src/core/events/appEventBus';
import { systemClock } from '../../src/core/ports';
import { RecallScheduler } from '../../src/core/recalls/recallScheduler';
import { RecallStore } from '../../src/core/recalls/recallStore';
import { Orchestrator } from '../../src/core/sessions/orchestrator';
import { SessionStore } from '../../src/core/store/sessionStore';
import { TIMED_RECALLS, WINDOW_MS } from './seed';

const [mode, file = '', windowStartArg] = process.argv.slice(2);
const windowStart = Number(windowStartArg);
/**
 * Longer than the scheduler's 30 s cap on its one timer, so its capped wake-up (the only work an
 * idle Navi does) happens inside the measured window.
 */
export const IDLE_MS = 31_000;
const quiet = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

const lateness: number[] = [];
const dueBySession = new Map<string, number>();

/** Both sides run the same agent through the same orchestrator: only the scheduling differs. */
const agent: Agent = {
  // eslint-disable-next-line require-yield
  async *run(request) {
    const due = dueBySession.get(request.sessionId);
    if (due !== undefined) lateness.push(Date.now() - due);
  },
};

async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const loadStart = performance.now();
  const database = openDatabase(file);
  const sessions = new SessionStore(database.db);
  const bus = new AppEventBus();
  const orchestrator = new Orchestrator({ store: sessions, agent: () => agent, bus, logger: quiet });
  for (const row of database.db
    .prepare('SELECT session_id AS sessionId, next_run_at AS due FROM recalls WHERE next_run_at <= ?')
    .all(windowStart + WINDOW_MS) as { sessionId: string; due: number }[]) {
    dueBySession.set(row.sessionId, row.due);
  }

  let dispose: () => void;
  /** Scheduler wake-ups (Navi's timer ticks, or recall timers firing) so far. */
  let wakes = 0;
  if (mode === 'navi') {
    const scheduler = new RecallScheduler({
      recalls: new RecallStore(database.db, Date.now),
      sessions,
      orchestrator,
      bus,
      clock: systemClock,
      logger: quiet,
    });
    const tick = scheduler.tick.bind(scheduler);
    scheduler.tick = () => {
      wakes++;
      tick();
    };
    scheduler.start();
    dispose = () => scheduler.dispose();
  } else {
    // The seed's approach: load every pending recall and give each its own timer.
    const timers: ReturnType<typeof setTimeout>[] = [];
    const rows = database.db
      .prepare("SELECT id, session_id AS sessionId, message, next_run_at AS due FROM recalls WHERE status = 'pending'")
      .all() as { id: string; sessionId: string; message: string; due: number }[];
    const markDone = database.db.prepare("UPDATE recalls SET status = 'done' WHERE id = ?");
    for (const recall of rows) {
      timers.push(
        setTimeout(
          () => {
            wakes++;
            markDone.run(recall.id);
            orchestrator.startRun(recall.sessionId, recall.message, 'recall');
          },
          Math.max(0, recall.due - Date.now()),
        ),
      );
    }
    dispose = () => timers.forEach(clearTimeout);
  }
  const loadMs = performance.now() - loadStart;
  const rssLoaded = process.memoryUsage().rss;

  // Idle: nothing is due for the next ten seconds; count the CPU the scheduling costs meanwhile.
  // Start-up garbage is collected first on both sides, so only the steady idle cost is counted.
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const wakesBefore = wakes;
  const cpuBefore = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const cpu = process.cpuUsage(cpuBefore);
  const idleCpuMs = (cpu.user + cpu.system) / 1000;
  const idleWakes = wakes - wakesBefore;
  if (Date.now() > windowStart) console.error('The idle window ran into the firing window: raise LEAD_MS.');

  const deadline = windowStart + WINDOW_MS + 15_000;
  while (lateness.length < TIMED_RECALLS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  dispose();
  await orchestrator.close(1000);
  database.close();
  lateness.sort((a, b) => a - b);
  const pick = (q: number) => lateness[Math.min(lateness.length - 1, Math.floor(q * lateness.length))] ?? NaN;
  process.stdout.write(
    `${JSON.stringify({
      loadMs,
      rssMb: (rssLoaded - rssBefore) / 1048576,
      idleCpuMs,
      idleWakes,
      fired: lateness.length,
      lateness,
      p50: pick(0.5),
      p99: pick(0.99),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
