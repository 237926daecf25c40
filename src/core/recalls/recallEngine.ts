import type { Recall, RecallsHealth } from '../../shared/contract';
import { DisposableStore, type Disposable } from '../../shared/rpc';
import type { AppEventBus } from '../events/appEventBus';
import type { Clock, Logger, Notifier, PowerMonitor, TimerHandle } from '../ports';
import type { Orchestrator } from '../sessions/orchestrator';
import type { RunOutcome } from '../sessions/sessionChannel';
import type { SessionStore } from '../store/sessionStore';
import { CancelOnReply } from './cancelOnReply';
import { recoverInterruptedRuns } from './crashRecovery';
import { OwedWrites } from './owedWrites';
import { RecallFiring } from './recallFiring';
import { RecallNotifications, type NoticeGate } from './recallNotifications';
import type { RecallStore, StoredRecall } from './recallStore';
import { RecallUpdates } from './recallUpdates';
import { RunRecords, type RunRecord } from './runRecords';
import { runEndOf } from './runVerdict';
import { SchedulerHealth } from './schedulerHealth';

export interface EngineSettings {
  /** The one timer never sleeps longer than this, so sleep and clock jumps cannot make it miss. */
  readonly maxSleepMs: number;
  /** How long to wait when a user run is active in the recall's session. */
  readonly deferMs: number;
  /** Later than this past its due time, a run counts as missed (Navi was closed or asleep). */
  readonly missedAfterMs: number;
  /** Tries per due slot before giving up, and the first retry delay (then x4 each time). */
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  /** The first wait after a storage fault (a full disk); it doubles up to `maxSleepMs`. */
  readonly faultRetryMs: number;
}

export interface RecallEngineOptions {
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
  readonly newId: () => string;
  /** The person's time zone, for the times in notes. */
  readonly timeZone: () => string;
  readonly settings: EngineSettings;
}

const DUE_BATCH = 50;

/**
 * Fires recalls. SQLite is the source of truth; one timer, armed for the earliest due recall and
 * capped at ~30 s, only wakes the engine. A recall is claimed (pending -> running, with the ids of
 * its prompt and reply) before it fires, so a one-time recall never runs twice, also across a crash.
 *
 * Nothing thrown while it works from a timer, an event or a run's end escapes: a storage fault (a
 * full disk) is logged once, shown as the scheduler's health, and retried with backoff; what could
 * not be written is kept and written first once the fault clears.
 *
 * This file is the timer and its fault handling; the parts it wires: RecallFiring (starting runs),
 * RunRecords (recording their ends), crashRecovery, missedRuns, CancelOnReply, RecallUpdates.
 */
export class RecallEngine implements Disposable {
  private readonly disposables = new DisposableStore();
  readonly health: SchedulerHealth;
  /** The one timer, or the next turn when something is due now (see `setTimer`). */
  private timer: { readonly handle: TimerHandle; readonly turn: boolean } | undefined;
  private started = false;
  private disposed = false;
  private recovered = false;
  /** Writes that failed (the disk was full), in order; done before anything else fires. */
  private readonly owed = new OwedWrites();
  private faultDelayMs: number;
  private readonly updates: RecallUpdates;
  private readonly records: RunRecords;
  private readonly cancelOnReply: CancelOnReply;
  private readonly firing: RecallFiring;

  constructor(private readonly options: RecallEngineOptions) {
    const { recalls, settings } = options;
    this.health = new SchedulerHealth(options.bus, options.logger);
    this.faultDelayMs = settings.faultRetryMs;
    this.updates = new RecallUpdates(options);
    this.records = new RunRecords({
      recalls,
      clock: options.clock,
      policy: settings,
      updates: this.updates,
      notifications: new RecallNotifications(options),
      owed: this.owed,
    });
    this.cancelOnReply = new CancelOnReply({ ...options, updates: this.updates, arm: () => this.arm() });
    this.firing = new RecallFiring({
      ...options,
      health: this.health,
      updates: this.updates,
      records: this.records,
      owed: this.owed,
      cancelOnReply: this.cancelOnReply,
      deferMs: settings.deferMs,
      missedAfterMs: settings.missedAfterMs,
      runEnded: (record, outcome) => this.runEnded(record, outcome),
    });
  }

  private get settings(): EngineSettings {
    return this.options.settings;
  }

  private now(): number {
    return this.options.clock.now();
  }

  /** Recovers from a crash, then handles whatever is due (including runs missed while closed). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.disposables.add(this.options.bus.on('session-deleted', () => this.arm()));
    // A person wrote in a conversation: recalls set to cancel on a reply are cancelled at once.
    this.disposables.add(
      this.options.bus.on('session-changed', (event) => this.safely(() => this.cancelOnReplies(event.session.id))),
    );
    if (this.options.power) {
      this.disposables.add(this.options.power.onResume(() => this.safely(() => this.tick())));
      this.disposables.add(this.options.power.onSuspend(() => this.clearTimer()));
    }
    this.tick();
  }

  get healthState(): RecallsHealth {
    return this.health.state;
  }

  /** The earliest time any pending recall is due (for waking Navi from the OS), if one is. */
  nextDueAt(): number | undefined {
    return this.options.recalls.earliestDue();
  }

  /** A recall as windows and the agent see it (its schedule in the person's words). */
  toPublic(recall: StoredRecall): Recall {
    return this.updates.toPublic(recall);
  }

  changed(recall: StoredRecall): void {
    this.updates.changed(recall);
  }

  private clearTimer(): void {
    const { clock } = this.options;
    if (this.timer?.turn) clock.clearTurn?.(this.timer.handle);
    else if (this.timer) clock.clearTimeout(this.timer.handle);
    this.timer = undefined;
  }

  /**
   * Wakes the engine in `ms`, always in a turn of its own (`nextTurn`, setImmediate in the app), so
   * each turn of the event loop starts at most one run and windows' messages get their turns between
   * them. A 0 ms timer in Node runs again in the same pass when the run before it took over a
   * millisecond (a burst of due recalls held the thread for several runs at once); and a run started
   * from a timer would follow the one started in the turn just before it with no I/O between them.
   */
  private setTimer(ms: number): void {
    this.clearTimer();
    const { clock } = this.options;
    const wake = (): void => {
      this.timer = undefined;
      this.safely(() => this.tick());
    };
    if (!clock.nextTurn || !clock.clearTurn) {
      this.timer = { handle: clock.setTimeout(wake, ms), turn: false };
      return;
    }
    const nextTurn = clock.nextTurn.bind(clock);
    const inTurn = (): void => {
      this.timer = { handle: nextTurn(wake), turn: true };
    };
    if (ms <= 0) inTurn();
    else this.timer = { handle: clock.setTimeout(inTurn, ms), turn: false };
  }

  /** Arms the one timer for the earliest due recall, never longer than the cap. Never throws. */
  arm(): void {
    if (this.disposed || !this.started) return;
    this.safely(() => {
      let wait = this.settings.maxSleepMs;
      try {
        // Due ones that only wait for another recall's run are not what the timer waits for (that
        // run's end re-arms it): the earliest of the others is, so none of those waits behind them.
        const waitingTurn = this.firing.waitingTurnIds;
        const earliest =
          waitingTurn.length > 0
            ? this.options.recalls.earliestDueExcept(waitingTurn)
            : this.options.recalls.earliestDue();
        if (earliest !== undefined) wait = Math.max(0, earliest - this.now());
      } catch (error) {
        this.fault(error);
        return;
      }
      this.setTimer(Math.min(wait, this.settings.maxSleepMs));
    });
  }

  /** Fires everything due now, then re-arms. Also called on resume and by "run now". Never throws. */
  tick(): void {
    if (this.disposed || !this.started) return;
    try {
      if (!this.recovered) {
        recoverInterruptedRuns({
          ...this.options,
          records: this.records,
          updates: this.updates,
          maxAttempts: this.settings.maxAttempts,
        });
        this.recovered = true;
      }
      this.owed.writeAll();
      this.firing.fireDue(this.now());
    } catch (error) {
      this.fault(error);
      return;
    }
    this.faultDelayMs = this.settings.faultRetryMs;
    this.health.recovered();
    this.arm();
  }

  /** A storage fault: show it, and try again later (sooner at first, then up to the timer cap). */
  private fault(error: unknown): void {
    const now = this.now();
    const waiting = new Set(this.owed.recallIds);
    try {
      for (const recall of this.options.recalls.due(now, DUE_BATCH)) waiting.add(recall.id);
    } catch {
      // Reading failed too; the owed ones are what we know about.
    }
    const delay = this.faultDelayMs;
    this.faultDelayMs = Math.min(this.faultDelayMs * 2, this.settings.maxSleepMs);
    this.health.failed(error, now, now + delay, [...waiting]);
    this.setTimer(delay);
  }

  /** Last line of defence for work run from a timer or an event: log, never throw. */
  private safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.options.logger.error('Recall scheduler failed unexpectedly:', error);
      if (!this.disposed && this.started) this.setTimer(this.settings.maxSleepMs);
    }
  }

  /** A person wrote in a conversation: see CancelOnReply.inSession. */
  private cancelOnReplies(sessionId: string): void {
    if (this.disposed || !this.started) return;
    this.cancelOnReply.inSession(sessionId, this.now());
  }

  /** A run ended. Called from a promise callback: never throws. */
  private runEnded(record: Omit<RunRecord, 'end'>, outcome: RunOutcome): void {
    if (this.disposed) return; // Navi is closing: left `running`, recovered at the next start
    if (outcome.errorKind === 'shutdown' || outcome.errorKind === 'deleted') return;
    try {
      this.records.recordOrOwe({ ...record, end: runEndOf(outcome) });
      this.arm();
    } catch (error) {
      this.safely(() => this.fault(error));
    }
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.disposables.dispose();
  }
}
