import { randomUUID } from 'node:crypto';
import { MISSED_RUN_GRACE_MS, type MissedRunPolicy } from '../../shared/contract';
import type { Disposable } from '../../shared/rpc';
import type { AppEventBus } from '../events/appEventBus';
import type { Clock, Logger, Notifier, PowerMonitor } from '../ports';
import type { Orchestrator } from '../sessions/orchestrator';
import type { SessionStore } from '../store/sessionStore';
import { systemTimeZone } from '../timeZones';
import { RecallCommands } from './recallCommands';
import { RecallEngine, type EngineSettings } from './recallEngine';
import type { NoticeGate } from './recallNotifications';
import type { RecallStore } from './recallStore';

export type { CreateRecallInput } from './recallCommands';

export interface RecallSchedulerOptions extends Partial<EngineSettings> {
  readonly recalls: RecallStore;
  readonly sessions: SessionStore;
  readonly orchestrator: Orchestrator;
  readonly bus: AppEventBus;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly notifier?: Notifier;
  /** Holds notifications during quiet hours (absent: never quiet). */
  readonly quietHours?: NoticeGate;
  readonly power?: PowerMonitor;
  readonly newId?: () => string;
  /** The person's time zone (for the times in notes); the system's by default. */
  readonly timeZone?: () => string;
  readonly perSessionLimit?: number;
  /** What a new recall in a conversation does about missed runs when not told (its profile's default). */
  readonly defaultMissedPolicy?: (sessionId: string) => MissedRunPolicy | undefined;
}

const DEFAULTS: EngineSettings & { perSessionLimit: number } = {
  maxSleepMs: 30_000,
  deferMs: 60_000,
  missedAfterMs: MISSED_RUN_GRACE_MS,
  maxAttempts: 3,
  retryBaseMs: 30_000,
  faultRetryMs: 5_000,
  perSessionLimit: 25,
};

/**
 * Recalls in one object: the engine that fires them (timer, firing, crash recovery) and the
 * commands people and the agent use. Start it once the rest of the core is up; dispose it first.
 */
export class RecallScheduler extends RecallCommands implements Disposable {
  constructor(options: RecallSchedulerOptions) {
    const settings = { ...DEFAULTS, ...stripUndefined(options) };
    const newId = options.newId ?? randomUUID;
    const timeZone = options.timeZone ?? systemTimeZone;
    const engine = new RecallEngine({ ...options, newId, timeZone, settings });
    super({ ...options, engine, newId, timeZone, perSessionLimit: settings.perSessionLimit });
  }

  start(): void {
    this.engine.start();
  }

  /** Fires whatever is due now (tests and "run now" use it; the timer does it otherwise). */
  tick(): void {
    this.engine.tick();
  }

  dispose(): void {
    this.engine.dispose();
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
