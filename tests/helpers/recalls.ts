import { openDatabase, type OpenedDatabase } from '../../src/core/db/database';
import { AppEventBus } from '../../src/core/events/appEventBus';
import type { Agent } from '../../src/core/agent/types';
import type { Notifier, PowerMonitor, RecallNotification } from '../../src/core/ports';
import { RecallScheduler, type RecallSchedulerOptions } from '../../src/core/recalls/recallScheduler';
import { RecallStore } from '../../src/core/recalls/recallStore';
import { Orchestrator } from '../../src/core/sessions/orchestrator';
import { SessionStore } from '../../src/core/store/sessionStore';
import { Emitter } from '../../src/shared/rpc';
import type { AppEvent } from '../../src/shared/contract';
import { quietLogger } from './host';
import { ManualClock } from './manualClock';

/** Sleep and wake the test controls. */
export class FakePower implements PowerMonitor {
  readonly suspend = new Emitter<void>();
  readonly resume = new Emitter<void>();
  onSuspend = (listener: () => void) => this.suspend.event(listener);
  onResume = (listener: () => void) => this.resume.event(listener);
}

export interface RecallHarness {
  readonly database: OpenedDatabase;
  readonly clock: ManualClock;
  readonly sessions: SessionStore;
  readonly recallStore: RecallStore;
  readonly orchestrator: Orchestrator;
  readonly scheduler: RecallScheduler;
  readonly bus: AppEventBus;
  readonly power: FakePower;
  readonly notifications: RecallNotification[];
  readonly appEvents: AppEvent[];
  close(): Promise<void>;
}

/** The real scheduler, orchestrator and stores on a real SQLite file, on a manual clock. */
export function createRecallHarness(
  file: string,
  agent: Agent,
  options: Partial<RecallSchedulerOptions> & {
    clock?: ManualClock;
    start?: boolean;
    /** Builds the recall store on the opened database (tests that inject faults wrap it). */
    makeStore?: (db: OpenedDatabase['db'], now: () => number) => RecallStore;
  } = {},
): RecallHarness {
  const database = openDatabase(file);
  const clock = options.clock ?? new ManualClock(Date.parse('2026-11-24T12:00:00Z'));
  const sessions = new SessionStore(database.db, () => clock.now());
  const bus = new AppEventBus();
  const appEvents: AppEvent[] = [];
  bus.subscribe((event) => appEvents.push(event));
  const { makeStore, start, ...schedulerOptions } = options;
  const logger = schedulerOptions.logger ?? quietLogger;
  const orchestrator = new Orchestrator({ store: sessions, agent: () => agent, bus, logger, clock });
  const recallStore = (makeStore ?? ((db, now) => new RecallStore(db, now)))(database.db, () => clock.now());
  const notifications: RecallNotification[] = [];
  const notifier: Notifier = { notify: (n) => notifications.push(n) };
  const power = new FakePower();
  const scheduler = new RecallScheduler({
    recalls: recallStore,
    sessions,
    orchestrator,
    bus,
    logger,
    notifier,
    power,
    timeZone: () => 'UTC',
    ...schedulerOptions,
    clock,
  });
  if (start !== false) scheduler.start();
  return {
    database,
    clock,
    sessions,
    recallStore,
    orchestrator,
    scheduler,
    bus,
    power,
    notifications,
    appEvents,
    close: async () => {
      scheduler.dispose();
      await orchestrator.close(100);
      database.close();
    },
  };
}

/** An agent that answers every run at once with a fixed reply and counts its runs. */
export class CountingAgent implements Agent {
  readonly runs: { sessionId: string; origin: string; prompt: string }[] = [];
  fail: Error | undefined;

  constructor(private readonly reply = 'Checked: all good.\nDetails follow.') {}

  async *run(request: Parameters<Agent['run']>[0]) {
    const prompt = request.history.at(-1);
    this.runs.push({
      sessionId: request.sessionId,
      origin: request.origin,
      prompt: prompt?.parts[0]?.type === 'text' ? prompt.parts[0].text : '',
    });
    if (this.fail) throw this.fail;
    yield { type: 'text-delta' as const, text: this.reply };
  }
}
