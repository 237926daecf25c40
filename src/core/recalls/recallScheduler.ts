import { randomUUID } from 'node:crypto';
import {
  messageText,
  type MissedRunPolicy,
  type Recall,
  type RecallRun,
  type RecallSchedule,
} from '../../shared/contract';
import { DisposableStore, RpcError, type Disposable } from '../../shared/rpc';
import type { AppEventBus } from '../events/appEventBus';
import type { Clock, Logger, Notifier, PowerMonitor, TimerHandle } from '../ports';
import type { Orchestrator, RunOutcome } from '../sessions/orchestrator';
import type { SessionStore } from '../store/sessionStore';
import { ScheduleError } from './cronSchedule';
import type { RecallStore, StoredRecall } from './recallStore';
import { judgeRun } from './runVerdict';
import { countSlots, nextSlotAfter, resolveSchedule } from './schedule';

export interface RecallSchedulerOptions {
  readonly recalls: RecallStore;
  readonly sessions: SessionStore;
  readonly orchestrator: Orchestrator;
  readonly bus: AppEventBus;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly notifier?: Notifier;
  readonly power?: PowerMonitor;
  readonly newId?: () => string;
  /** The one timer never sleeps longer than this, so sleep and clock jumps cannot make it miss. */
  readonly maxSleepMs?: number;
  /** How long to wait when a user run is active in the recall's session. */
  readonly deferMs?: number;
  /** Later than this past its due time, a run counts as missed (Navi was closed or asleep). */
  readonly missedAfterMs?: number;
  /** Tries per due slot before giving up, and the first retry delay (then x4 each time). */
  readonly maxAttempts?: number;
  readonly retryBaseMs?: number;
  readonly perSessionLimit?: number;
}

export interface CreateRecallInput {
  readonly sessionId: string;
  readonly schedule: RecallSchedule;
  readonly message: string;
  readonly missedPolicy?: MissedRunPolicy;
  readonly createdBy: Recall['createdBy'];
}

const DEFAULTS = {
  maxSleepMs: 30_000,
  deferMs: 60_000,
  missedAfterMs: 120_000,
  maxAttempts: 3,
  retryBaseMs: 30_000,
  perSessionLimit: 25,
};
const DUE_BATCH = 50;

const publicRecall = ({ fireSlot: _fireSlot, ...recall }: StoredRecall): Recall => recall;
const firstLine = (text: string): string => text.trim().split('\n')[0]?.slice(0, 200) ?? '';

/**
 * Fires recalls. SQLite is the source of truth; one timer, armed for the earliest due recall and
 * capped at ~30 s, only wakes it. State changes are single transactions, and a recall is claimed
 * (pending -> running) before it fires, so a one-time recall never fires twice, even across a crash.
 */
export class RecallScheduler implements Disposable {
  private readonly settings: typeof DEFAULTS;
  private readonly newId: () => string;
  private readonly disposables = new DisposableStore();
  private timer: TimerHandle | undefined;
  private started = false;
  private disposed = false;

  constructor(private readonly options: RecallSchedulerOptions) {
    this.settings = { ...DEFAULTS, ...stripUndefined(options) };
    this.newId = options.newId ?? randomUUID;
  }

  private get store(): RecallStore {
    return this.options.recalls;
  }

  private now(): number {
    return this.options.clock.now();
  }

  /** Recovers from a crash, then handles whatever is due (including runs missed while closed). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.recoverInterrupted();
    this.disposables.add(this.options.bus.on('session-deleted', () => this.arm()));
    if (this.options.power) {
      this.disposables.add(this.options.power.onResume(() => this.tick()));
      this.disposables.add(this.options.power.onSuspend(() => this.clearTimer()));
    }
    this.tick();
  }

  /** Recalls left `running` by a crash: a one-time recall is not run again; a recurring one moves on. */
  private recoverInterrupted(): void {
    const now = this.now();
    for (const recall of this.store.running()) {
      const error = 'Navi closed while this recall was running.';
      const dueAt = recall.fireSlot ?? recall.nextRunAt ?? now;
      const next = nextSlotAfter(recall, now);
      const updated = this.store.update(
        recall.id,
        next === undefined
          ? {
              status: 'failed',
              nextRunAt: null,
              fireSlot: null,
              lastOutcome: 'failed',
              lastError: `${error} It was not run again, so it cannot run twice.`,
            }
          : {
              status: 'pending',
              nextRunAt: next,
              fireSlot: null,
              attempts: 0,
              lastOutcome: 'failed',
              lastError: error,
            },
        {
          recallId: recall.id,
          sessionId: recall.sessionId,
          dueAt,
          startedAt: dueAt,
          finishedAt: now,
          outcome: 'failed',
          error,
        },
      );
      this.note(
        recall.sessionId,
        next === undefined
          ? `A recall ("${firstLine(recall.message)}") was interrupted because Navi closed while it ran. It was not run again, so it cannot run twice.`
          : `A recall ("${firstLine(recall.message)}") was interrupted because Navi closed while it ran. Its next run is at ${new Date(next).toISOString()}.`,
      );
      if (updated) this.changed(updated);
    }
  }

  // ---- the timer ---------------------------------------------------------------------------

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Arms the one timer for the earliest due recall, never longer than the cap. */
  private arm(): void {
    if (this.disposed || !this.started) return;
    this.clearTimer();
    const earliest = this.store.earliestDue();
    const wait = earliest === undefined ? this.settings.maxSleepMs : Math.max(0, earliest - this.now());
    this.timer = this.options.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.tick();
      },
      Math.min(wait, this.settings.maxSleepMs),
    );
  }

  /** Fires everything due now, then re-arms. Also called on resume and by "run now". */
  tick(): void {
    if (this.disposed || !this.started) return;
    const now = this.now();
    for (let batch = this.store.due(now, DUE_BATCH); batch.length > 0; batch = this.store.due(now, DUE_BATCH)) {
      for (const recall of batch) this.fire(recall, now);
    }
    this.arm();
  }

  // ---- firing --------------------------------------------------------------------------------

  private fire(recall: StoredRecall, now: number): void {
    const dueAt = recall.nextRunAt ?? now;
    const late = now - dueAt > this.settings.missedAfterMs;
    if (late && recall.attempts === 0 && this.handleMissed(recall, dueAt, now)) return;
    if (this.options.orchestrator.isBusy(recall.sessionId)) return this.defer(recall, dueAt, now);
    if (!this.store.claim(recall.id)) return;
    let run;
    try {
      run = this.options.orchestrator.startRun(recall.sessionId, recall.message, 'recall');
    } catch (error) {
      if (error instanceof RpcError && error.code === 'busy') return this.defer(recall, dueAt, now, 'running');
      this.options.logger.error(`Recall ${recall.id} could not start:`, error);
      const updated = this.store.update(recall.id, { status: 'pending', fireSlot: null });
      if (updated) this.finish(updated, dueAt, now, undefined, { runId: '', status: 'error', error: String(error) });
      return;
    }
    const claimed = this.store.get(recall.id);
    if (claimed) this.changed(claimed);
    const startedAt = now;
    void run.done.then(
      (outcome) => this.finish(this.store.get(recall.id), dueAt, startedAt, run.runId, outcome),
      (error: unknown) => this.options.logger.error(`Recall ${recall.id} run failed:`, error),
    );
  }

  /**
   * A run missed while Navi was closed or asleep. `skip`: note it and move on (true). Catch up once:
   * note how many runs were missed and fire one now (false). Many missed slots collapse into one.
   */
  private handleMissed(recall: StoredRecall, dueAt: number, now: number): boolean {
    const missed = countSlots(recall, dueAt, now);
    const when = new Date(dueAt).toISOString();
    const summary = missed > 1 ? `${missed} runs were due since ${when}` : `it was due at ${when}`;
    if (recall.missedPolicy === 'skip') {
      const next = nextSlotAfter(recall, now);
      const updated = this.store.update(
        recall.id,
        {
          status: next === undefined ? 'done' : 'pending',
          nextRunAt: next ?? null,
          lastRunAt: now,
          lastOutcome: 'skipped',
          lastError: null,
        },
        {
          recallId: recall.id,
          sessionId: recall.sessionId,
          dueAt,
          startedAt: now,
          finishedAt: now,
          outcome: 'skipped',
          error: summary,
        },
      );
      this.note(
        recall.sessionId,
        `A recall ("${firstLine(recall.message)}") was skipped: Navi was closed or asleep and ${summary}. ` +
          (next === undefined ? 'It will not run.' : `Its next run is at ${new Date(next).toISOString()}.`),
      );
      if (updated) this.changed(updated);
      return true;
    }
    this.store.addRun({
      recallId: recall.id,
      sessionId: recall.sessionId,
      dueAt,
      startedAt: now,
      finishedAt: now,
      outcome: 'missed',
      error: summary,
    });
    this.note(
      recall.sessionId,
      `Navi was closed or asleep when a recall ("${firstLine(recall.message)}") was due: ${summary}. Running it once now.`,
    );
    return false;
  }

  /** A user run is active in the session: try again later, never drop. */
  private defer(recall: StoredRecall, dueAt: number, now: number, from: 'pending' | 'running' = 'pending'): void {
    const updated = this.store.update(
      recall.id,
      { status: 'pending', nextRunAt: now + this.settings.deferMs, ...(from === 'running' ? { fireSlot: null } : {}) },
      {
        recallId: recall.id,
        sessionId: recall.sessionId,
        dueAt,
        startedAt: now,
        finishedAt: now,
        outcome: 'deferred',
        error: `A reply was being written in this conversation; trying again in ${Math.round(this.settings.deferMs / 1000)} s.`,
      },
    );
    if (updated) this.changed(updated);
  }

  /** Records how a fired run ended and moves the recall to its next state. */
  private finish(
    recall: StoredRecall | undefined,
    dueAt: number,
    startedAt: number,
    runId: string | undefined,
    outcome: RunOutcome,
  ): void {
    if (!recall || this.disposed) return; // deleted meanwhile (with its session)
    if (outcome.errorKind === 'shutdown') return; // left `running`: recovered at next start
    const now = this.now();
    const reply = outcome.message ? firstLine(messageText(outcome.message)) : '';
    const stillScheduled = recall.status === 'running'; // not paused or cancelled while it ran
    const run = {
      recallId: recall.id,
      sessionId: recall.sessionId,
      dueAt,
      startedAt,
      finishedAt: now,
      runId: runId ?? null,
    };
    const { change, result, error, notify } = judgeRun(recall, outcome, now, this.settings);
    const updated = this.store.update(
      recall.id,
      { ...(stillScheduled ? change : {}), fireSlot: null, lastRunAt: now, lastOutcome: result, lastError: error },
      { ...run, outcome: result, error },
    );
    if (updated) this.changed(updated);
    if (notify) {
      const session = this.options.sessions.getSession(recall.sessionId);
      const notification = {
        kind: notify,
        recallId: recall.id,
        sessionId: recall.sessionId,
        sessionTitle: session?.title ?? 'Navi',
        text: notify === 'fired' ? reply || 'The recall ran.' : (error ?? 'The recall failed.'),
      };
      this.options.bus.publish({ type: 'recall-fired', ...notification, outcome: result });
      try {
        this.options.notifier?.notify(notification);
      } catch (notifyError) {
        this.options.logger.warn('Could not show a notification:', notifyError);
      }
    }
    this.arm();
  }

  // ---- changes from people and the agent -----------------------------------------------------

  create(input: CreateRecallInput): Recall {
    const { sessions } = this.options;
    if (!sessions.getSession(input.sessionId))
      throw new RpcError('not_found', `Conversation ${input.sessionId} does not exist.`);
    if (this.store.countActive(input.sessionId) >= this.settings.perSessionLimit) {
      throw new RpcError(
        'invalid_input',
        `This conversation already has ${this.settings.perSessionLimit} active recalls, the most allowed; cancel one before scheduling another.`,
      );
    }
    const { columns, firstRun } = this.resolve(input.schedule);
    const recall = this.store.insert({
      id: this.newId(),
      sessionId: input.sessionId,
      ...columns,
      message: input.message.trim(),
      missedPolicy: input.missedPolicy ?? 'catch_up_once',
      createdBy: input.createdBy,
      nextRunAt: firstRun,
    });
    this.changed(recall);
    this.arm();
    return publicRecall(recall);
  }

  update(id: string, change: { schedule?: RecallSchedule; message?: string; missedPolicy?: MissedRunPolicy }): Recall {
    const recall = this.store.require(id);
    const resolved = change.schedule ? this.resolve(change.schedule) : undefined;
    const reschedule =
      resolved && (recall.status === 'pending' || recall.status === 'done' || recall.status === 'failed');
    const updated = this.store.update(id, {
      ...(change.message !== undefined ? { message: change.message.trim() } : {}),
      ...(change.missedPolicy ? { missedPolicy: change.missedPolicy } : {}),
      ...(resolved ? { schedule: resolved.columns } : {}),
      // A new schedule gives a finished recall a new life; a paused one keeps waiting for resume.
      ...(reschedule ? { status: 'pending' as const, nextRunAt: resolved.firstRun, attempts: 0 } : {}),
    });
    return this.afterChange(id, updated);
  }

  pause(id: string): Recall {
    const recall = this.store.require(id);
    if (recall.status !== 'pending' && recall.status !== 'running') {
      throw new RpcError('conflict', `Only a scheduled recall can be paused; this one is ${recall.status}.`);
    }
    return this.afterChange(id, this.store.update(id, { status: 'paused', nextRunAt: null }));
  }

  resume(id: string): Recall {
    const recall = this.store.require(id);
    if (recall.status !== 'paused')
      throw new RpcError('conflict', `Only a paused recall can be resumed; this one is ${recall.status}.`);
    const now = this.now();
    const next = recall.kind === 'once' ? Math.max(recall.triggerAt ?? now, now) : nextSlotAfter(recall, now);
    return this.afterChange(id, this.store.update(id, { status: 'pending', nextRunAt: next ?? now, attempts: 0 }));
  }

  /** Fires now (its regular schedule continues afterwards). */
  runNow(id: string): Recall {
    const recall = this.store.require(id);
    if (recall.status === 'running') throw new RpcError('conflict', 'This recall is running right now.');
    if (this.options.orchestrator.isBusy(recall.sessionId)) {
      throw new RpcError('busy', 'A reply is being written in this conversation; run the recall when it has finished.');
    }
    // A one-off "run now" of a finished one-time recall runs it again on purpose.
    this.store.update(id, { status: 'pending', nextRunAt: this.now(), attempts: 0 });
    this.tick();
    return publicRecall(this.store.require(id));
  }

  delete(id: string): boolean {
    const recall = this.store.get(id);
    if (!recall) return false;
    if (recall.status === 'running') this.options.orchestrator.stop(recall.sessionId);
    const deleted = this.store.delete(id);
    if (deleted) this.options.bus.publish({ type: 'recall-deleted', recallId: id, sessionId: recall.sessionId });
    this.arm();
    return deleted;
  }

  /** Pauses every scheduled recall (the tray's "Pause all recalls"); returns how many. */
  pauseAll(): number {
    let paused = 0;
    for (const recall of this.store.list()) {
      if (recall.status !== 'pending' && recall.status !== 'running') continue;
      const updated = this.store.update(recall.id, { status: 'paused', nextRunAt: null });
      if (updated) {
        this.changed(updated);
        paused++;
      }
    }
    this.arm();
    return paused;
  }

  /** The next few recalls to fire, soonest first. */
  upcoming(limit: number): Recall[] {
    return this.store
      .list()
      .filter((recall) => recall.status === 'pending' && recall.nextRunAt !== null)
      .slice(0, limit)
      .map(publicRecall);
  }

  list(sessionId?: string): Recall[] {
    return this.store.list(sessionId).map(publicRecall);
  }

  history(filter: { recallId?: string; sessionId?: string; limit?: number } = {}): RecallRun[] {
    return this.store.history(filter);
  }

  private resolve(schedule: RecallSchedule) {
    try {
      return resolveSchedule(schedule, this.now());
    } catch (error) {
      if (error instanceof ScheduleError) throw new RpcError('invalid_input', error.message);
      throw error;
    }
  }

  private afterChange(id: string, updated: StoredRecall | undefined): Recall {
    if (!updated) throw new RpcError('not_found', `Recall ${id} does not exist.`);
    this.changed(updated);
    this.arm();
    return publicRecall(updated);
  }

  private changed(recall: StoredRecall): void {
    this.options.bus.publish({ type: 'recall-changed', recall: publicRecall(recall) });
  }

  /** Writes what happened into the conversation, where the person will look. */
  private note(sessionId: string, text: string): void {
    try {
      if (!this.options.sessions.getSession(sessionId)) return;
      this.options.orchestrator.addMessage({
        sessionId,
        role: 'assistant',
        parts: [{ type: 'text', text }],
        status: 'complete',
        origin: 'recall',
      });
    } catch (error) {
      this.options.logger.warn(`Could not write a recall note into ${sessionId}:`, error);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.disposables.dispose();
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
