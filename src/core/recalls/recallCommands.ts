import {
  type MissedRunPolicy,
  type Recall,
  type RecallOutcome,
  type RecallRun,
  type RecallSchedule,
  type RecallNotifyPolicy,
  type RecallsHealth,
  type SchedulePreview,
  type ScheduleText,
  type UnattendedPolicy,
} from '../../shared/contract';
import { RpcError } from '../../shared/rpc';
import { sayDateTime } from '../../shared/time/timeWords';
import type { AppEventBus } from '../events/appEventBus';
import type { Clock } from '../ports';
import type { Orchestrator } from '../sessions/orchestrator';
import type { SessionStore } from '../store/sessionStore';
import { ScheduleError } from './cron/cronSchedule';
import type { RecallEngine } from './recallEngine';
import type { RecallStore, StoredRecall } from './recallStore';
import { resolveSchedule } from './schedule';
import { nextSlotWithinEnd } from './runVerdict';
import { previewSchedule } from './schedulePreview';
import { checkedSchedule, readSchedule } from './words/readSchedule';

/** Outcomes of runs that started; deferred, missed and skipped slots did not. */
const STARTED: ReadonlySet<RecallOutcome> = new Set(['success', 'failed', 'max_iterations', 'stopped', 'interrupted']);
/** How far back in the history "last ran" looks past slots that did not run. */
const LAST_RUN_LOOKBACK = 50;

export interface CreateRecallInput {
  readonly sessionId: string;
  /** Either a schedule, or `when` in words or cron (read at the moment it is saved). */
  readonly schedule?: RecallSchedule;
  readonly when?: ScheduleText;
  readonly message: string;
  readonly missedPolicy?: MissedRunPolicy;
  /** When a tool needs a person's OK during a run: wait for it (default), or deny and continue. */
  readonly unattendedPolicy?: UnattendedPolicy;
  readonly endsAt?: number | null;
  readonly maxRuns?: number | null;
  readonly notify?: RecallNotifyPolicy;
  readonly cancelOnReply?: boolean;
  readonly createdBy: Recall['createdBy'];
}

export interface RecallCommandsOptions {
  readonly recalls: RecallStore;
  readonly sessions: SessionStore;
  readonly orchestrator: Orchestrator;
  readonly bus: AppEventBus;
  readonly clock: Clock;
  readonly engine: RecallEngine;
  readonly newId: () => string;
  readonly perSessionLimit: number;
  /** The person's time zone: times in refusals and schedule words are local to it. */
  readonly timeZone: () => string;
  /** What a new recall in a conversation does about missed runs when not told (its profile's default). */
  readonly defaultMissedPolicy?: (sessionId: string) => MissedRunPolicy | undefined;
}

export interface ScheduleChange {
  readonly schedule?: RecallSchedule;
  readonly when?: ScheduleText;
  readonly message?: string;
  readonly missedPolicy?: MissedRunPolicy;
  readonly unattendedPolicy?: UnattendedPolicy;
  readonly endsAt?: number | null;
  readonly maxRuns?: number | null;
  readonly notify?: RecallNotifyPolicy;
  readonly cancelOnReply?: boolean;
}

/**
 * What people and the agent do to recalls: create, edit, pause, resume, run now, cancel, delete,
 * and read them. Every change is one transaction; the engine is told so its timer stays right.
 */
export class RecallCommands {
  /** The engine that fires recalls; told about every change so its timer stays right. */
  readonly engine: RecallEngine;

  constructor(private readonly options: RecallCommandsOptions) {
    this.engine = options.engine;
  }

  private get store(): RecallStore {
    return this.options.recalls;
  }

  private now(): number {
    return this.options.clock.now();
  }

  create(input: CreateRecallInput): Recall {
    const { sessions, perSessionLimit } = this.options;
    if (!sessions.getSession(input.sessionId))
      throw new RpcError('not_found', `Conversation ${input.sessionId} does not exist.`);
    if (this.store.countActive(input.sessionId) >= perSessionLimit) {
      throw new RpcError(
        'invalid_input',
        `This conversation already has ${perSessionLimit} active recalls, the most allowed; cancel one before scheduling another.`,
      );
    }
    const resolved = this.resolve(input);
    if (!resolved) throw new RpcError('invalid_input', 'Say when the recall should run.');
    const { columns, firstRun } = resolved;
    this.assertEnd(columns.kind, input.endsAt ?? null, firstRun);
    const recall = this.store.insert({
      id: this.options.newId(),
      sessionId: input.sessionId,
      ...columns,
      message: input.message.trim(),
      missedPolicy: input.missedPolicy ?? this.options.defaultMissedPolicy?.(input.sessionId) ?? 'catch_up_once',
      unattendedPolicy: input.unattendedPolicy ?? 'wait',
      endsAt: columns.kind === 'once' ? null : (input.endsAt ?? null),
      maxRuns: columns.kind === 'once' ? null : (input.maxRuns ?? null),
      notify: input.notify ?? 'always',
      cancelOnReply: input.cancelOnReply ?? false,
      createdBy: input.createdBy,
      nextRunAt: firstRun,
    });
    return this.afterChange(recall.id, recall);
  }

  update(id: string, change: ScheduleChange): Recall {
    const recall = this.store.require(id);
    const resolved = this.resolve(change);
    const reschedule =
      resolved && (recall.status === 'pending' || recall.status === 'done' || recall.status === 'failed');
    const kind = resolved?.columns.kind ?? recall.kind;
    if (change.endsAt) this.assertEnd(kind, change.endsAt, resolved?.firstRun ?? recall.nextRunAt ?? this.now());
    const updated = this.store.update(id, {
      ...(change.endsAt !== undefined ? { endsAt: kind === 'once' ? null : change.endsAt } : {}),
      ...(change.maxRuns !== undefined ? { maxRuns: kind === 'once' ? null : change.maxRuns } : {}),
      ...(change.notify ? { notify: change.notify } : {}),
      ...(change.cancelOnReply !== undefined ? { cancelOnReply: change.cancelOnReply } : {}),
      // A new schedule starts counting its runs again.
      ...(reschedule ? { runCount: 0 } : {}),
      ...(change.message !== undefined ? { message: change.message.trim() } : {}),
      ...(change.missedPolicy ? { missedPolicy: change.missedPolicy } : {}),
      ...(change.unattendedPolicy ? { unattendedPolicy: change.unattendedPolicy } : {}),
      ...(resolved ? { schedule: resolved.columns } : {}),
      // A new schedule gives a finished recall a new life; a paused one keeps waiting for resume.
      ...(reschedule ? { status: 'pending' as const, nextRunAt: resolved.firstRun, attempts: 0 } : {}),
    });
    return this.afterChange(id, updated);
  }

  /**
   * Puts off the next run by `minutes` from now (or from when it was due, if later). A recurring
   * recall then goes on with its schedule; its slots before the new time are not run.
   */
  snooze(id: string, minutes: number): Recall {
    const recall = this.store.require(id);
    if (recall.status !== 'pending' || recall.nextRunAt === null) {
      throw new RpcError('conflict', `Only a scheduled recall can be snoozed; this one is ${recall.status}.`);
    }
    const until = Math.max(this.now(), recall.nextRunAt) + minutes * 60_000;
    return this.afterChange(id, this.store.update(id, { nextRunAt: until, attempts: 0 }));
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
    if (recall.kind === 'once') {
      const at = Math.max(recall.triggerAt ?? now, now);
      return this.afterChange(id, this.store.update(id, { status: 'pending', nextRunAt: at, attempts: 0 }));
    }
    const next = nextSlotWithinEnd(recall, now, recall.runCount);
    return this.afterChange(
      id,
      this.store.update(
        id,
        next === undefined ? { status: 'done' } : { status: 'pending', nextRunAt: next, attempts: 0 },
      ),
    );
  }

  /** Fires now (its regular schedule continues afterwards). */
  runNow(id: string): Recall {
    const recall = this.store.require(id);
    if (recall.status === 'running') throw new RpcError('conflict', 'This recall is running right now.');
    if (this.options.orchestrator.isBusy(recall.sessionId)) {
      throw new RpcError('busy', 'A reply is being written in this conversation; run the recall when it has finished.');
    }
    // A one-off "run now" of a finished one-time recall runs it again on purpose.
    this.store.update(id, { status: 'pending', nextRunAt: this.now(), attempts: 0, promptId: null, replyId: null });
    this.engine.tick();
    return this.engine.toPublic(this.store.require(id));
  }

  /**
   * Ends a recall's future runs; it stays in the list as cancelled. A run in progress (even the one
   * asking, when the agent cancels its own recall) finishes its reply.
   */
  cancel(id: string): Recall {
    const recall = this.store.require(id);
    if (recall.status === 'cancelled') return this.engine.toPublic(recall);
    return this.afterChange(id, this.store.update(id, { status: 'cancelled', nextRunAt: null }));
  }

  /** Removes a recall and its history. A run in progress finishes its reply (Stop is for stopping). */
  delete(id: string): boolean {
    const recall = this.store.get(id);
    if (!recall) return false;
    const deleted = this.store.delete(id);
    if (deleted) this.options.bus.publish({ type: 'recall-deleted', recallId: id, sessionId: recall.sessionId });
    this.engine.arm();
    return deleted;
  }

  /** Pauses every scheduled recall (the tray's "Pause all recalls"); returns how many. */
  pauseAll(): number {
    let paused = 0;
    for (const recall of this.store.list()) {
      if (recall.status !== 'pending' && recall.status !== 'running') continue;
      const updated = this.store.update(recall.id, { status: 'paused', nextRunAt: null });
      if (updated) {
        this.engine.changed(updated);
        paused++;
      }
    }
    this.engine.arm();
    return paused;
  }

  /** The next few recalls to fire, soonest first. */
  upcoming(limit: number): Recall[] {
    return this.store
      .list()
      .filter((recall) => recall.status === 'pending' && recall.nextRunAt !== null)
      .slice(0, limit)
      .map((recall) => this.engine.toPublic(recall));
  }

  list(sessionId?: string): Recall[] {
    return this.store.list(sessionId).map((recall) => this.engine.toPublic(recall));
  }

  history(filter: { recallId?: string; sessionId?: string; limit?: number } = {}): RecallRun[] {
    return this.store.history(filter);
  }

  /** The newest run that started (not a deferral, nor a missed or skipped slot), for "last ran". */
  lastRun(): RecallRun | undefined {
    return this.store.history({ limit: LAST_RUN_LOOKBACK }).find((run) => STARTED.has(run.outcome));
  }

  /** Whether the scheduler can work, and what waits if it cannot. */
  health(): RecallsHealth {
    return this.engine.healthState;
  }

  /** The earliest time a pending recall is due, if any (the OS wake-up registration reads it). */
  nextDueAt(): number | undefined {
    return this.engine.nextDueAt();
  }

  /** What a schedule in words or cron means, before it is saved (the form's preview). */
  preview(input: ScheduleText): SchedulePreview {
    return previewSchedule(input, this.now());
  }

  /**
   * Reads a schedule (given, or said in words) with the same rules the RPC schema applies, so the
   * agent's tool and the form get the same one-sentence refusal, then resolves it.
   */
  /** An end before the first run would end the recall before it starts. */
  private assertEnd(kind: Recall['kind'], endsAt: number | null, firstRun: number): void {
    if (kind === 'once' || endsAt === null || endsAt >= firstRun) return;
    const words = { now: this.now(), timeZone: this.options.timeZone() };
    throw new RpcError(
      'invalid_input',
      `It would end at ${sayDateTime(endsAt, words)}, before its first run at ${sayDateTime(firstRun, words)}; choose a later end.`,
    );
  }

  private resolve(input: { schedule?: RecallSchedule; when?: ScheduleText }) {
    if (input.schedule && input.when) {
      throw new RpcError('invalid_input', 'Give either a schedule or when to run in words, not both.');
    }
    if (!input.schedule && !input.when) return undefined;
    const now = this.now();
    try {
      const schedule = input.when ? readSchedule(input.when, now) : checkedSchedule(input.schedule);
      return resolveSchedule(schedule, now, this.options.timeZone());
    } catch (error) {
      if (error instanceof ScheduleError) throw new RpcError('invalid_input', error.message);
      throw error;
    }
  }

  private afterChange(id: string, updated: StoredRecall | undefined): Recall {
    if (!updated) throw new RpcError('not_found', `Recall ${id} does not exist.`);
    this.engine.changed(updated);
    this.engine.arm();
    return this.engine.toPublic(updated);
  }
}
