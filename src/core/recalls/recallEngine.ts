import { messageText, type Recall, type RecallsHealth } from '../../shared/contract';
import { DisposableStore, RpcError, type Disposable } from '../../shared/rpc';
import { asksForAttention, recallNoticeTitle, replyExcerpt } from '../../shared/recalls/recallNotice';
import { sayDateTime, type TimeWordsOptions } from '../../shared/time/timeWords';
import type { AppEventBus } from '../events/appEventBus';
import type { Clock, Logger, Notifier, PowerMonitor, RecallNotification, TimerHandle } from '../ports';
import type { Orchestrator } from '../sessions/orchestrator';
import { readableError } from '../sessions/readableError';
import type { RunOutcome } from '../sessions/sessionChannel';
import type { SessionStore } from '../store/sessionStore';
import { cancelledByReplyNote, catchUpNote, interruptedNote, skippedNote } from './recallNotes';
import type { RecallStore, StoredRecall } from './recallStore';
import { judgeRun, nextSlotWithinEnd, runEndOf, type RunEnd, type RunVerdict } from './runVerdict';
import { publicRecall } from './publicRecall';
import { countSlots } from './schedule';
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

/** Decides whether a recall's notification waits (quiet hours); true: held. */
export interface NoticeGate {
  hold(notification: RecallNotification & { readonly kind: 'fired' | 'failed'; readonly sessionId: string }): boolean;
}

/** A write the engine owes: it failed (a full disk) and is done first once storage works again. */
interface OwedWrite {
  readonly recallId: string;
  readonly write: () => void;
}

/** How a fired run ended, waiting to be recorded. */
interface RunRecord {
  readonly recallId: string;
  readonly dueAt: number;
  readonly startedAt: number;
  readonly runId: string | null;
  readonly end: RunEnd;
}

const DUE_BATCH = 50;
/** Due recalls read at a time when firing (one run starts per turn). */
const FIRE_BATCH = 4;

/**
 * Fires recalls. SQLite is the source of truth; one timer, armed for the earliest due recall and
 * capped at ~30 s, only wakes the engine. A recall is claimed (pending -> running, with the ids of
 * its prompt and reply) before it fires, so a one-time recall never runs twice, also across a crash.
 *
 * Nothing thrown while it works from a timer, an event or a run's end escapes: a storage fault (a
 * full disk) is logged once, shown as the scheduler's health, and retried with backoff; what could
 * not be written is kept and written first once the fault clears.
 */
export class RecallEngine implements Disposable {
  private readonly disposables = new DisposableStore();
  readonly health: SchedulerHealth;
  private timer: TimerHandle | undefined;
  private started = false;
  private disposed = false;
  private recovered = false;
  /** Writes that failed (the disk was full), in order; done before anything else fires. */
  private readonly owed: OwedWrite[] = [];
  private faultDelayMs: number;
  /** Conversations where a recall's run is going on, with how many (a second one waits its turn). */
  private readonly runningIn = new Map<string, number>();
  /** Due recalls waiting for another recall's run in their conversation to end (not deferred 60 s). */
  private readonly waitingTurn = new Set<string>();

  constructor(private readonly options: RecallEngineOptions) {
    this.health = new SchedulerHealth(options.bus, options.logger);
    this.faultDelayMs = options.settings.faultRetryMs;
  }

  private get store(): RecallStore {
    return this.options.recalls;
  }

  private get settings(): EngineSettings {
    return this.options.settings;
  }

  private now(): number {
    return this.options.clock.now();
  }

  private words(): TimeWordsOptions {
    return { now: this.now(), timeZone: this.options.timeZone() };
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
    return this.store.earliestDue();
  }

  // ---- the timer ---------------------------------------------------------------------------

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setTimer(ms: number): void {
    this.clearTimer();
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.safely(() => this.tick());
    }, ms);
  }

  /** Arms the one timer for the earliest due recall, never longer than the cap. Never throws. */
  arm(): void {
    if (this.disposed || !this.started) return;
    this.safely(() => {
      let wait = this.settings.maxSleepMs;
      try {
        // Due ones that only wait for another recall's run are not what the timer waits for (that
        // run's end re-arms it): the earliest of the others is, so none of those waits behind them.
        const earliest =
          this.waitingTurn.size > 0 ? this.store.earliestDueExcept([...this.waitingTurn]) : this.store.earliestDue();
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
        this.recoverInterrupted();
        this.recovered = true;
      }
      this.writeOwed();
      this.fireDue(this.now());
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
    const waiting = new Set(this.owed.map((owed) => owed.recallId));
    try {
      for (const recall of this.store.due(now, DUE_BATCH)) waiting.add(recall.id);
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

  /**
   * Handles what is due, but starts at most one run per turn: the timer (at 0 ms) brings the next
   * turn, so many recalls due at once do not hold the core's thread for the whole batch.
   */
  private fireDue(now: number): void {
    this.waitingTurn.clear();
    const handled = new Set<string>();
    for (;;) {
      // Past the ones handled this turn: those waiting for another run stay due, and a batch of
      // only them must not end the turn while others are due behind them (that spun the timer at
      // 0 ms and kept those others waiting). A few at a time: usually the first one starts a run.
      const limit = handled.size + FIRE_BATCH;
      const due = this.store.due(now, limit);
      for (const recall of due) {
        if (handled.has(recall.id)) continue;
        handled.add(recall.id);
        if (this.fire(recall, now)) return;
      }
      if (due.length < limit) return;
    }
  }

  // ---- crash recovery --------------------------------------------------------------------------

  /**
   * Recalls left `running` by a crash or a kill. One whose reply was stored complete had finished:
   * only the bookkeeping is done now. Otherwise the run was interrupted: one failed try, retried by
   * the normal policy, with a note in the conversation.
   */
  private recoverInterrupted(): void {
    for (const recall of this.store.running()) {
      const dueAt = recall.fireSlot ?? recall.nextRunAt ?? this.now();
      const reply = recall.replyId ? this.options.sessions.getMessage(recall.sessionId, recall.replyId) : undefined;
      if (reply?.status === 'complete') {
        const record = { recallId: recall.id, dueAt, startedAt: dueAt, runId: null };
        this.record({ ...record, end: { kind: 'completed', reply: replyExcerpt(messageText(reply)) } }, false);
        continue;
      }
      const verdict = this.record({
        recallId: recall.id,
        dueAt,
        startedAt: dueAt,
        runId: null,
        end: { kind: 'interrupted' },
      });
      if (!verdict) continue;
      this.note(
        recall.sessionId,
        interruptedNote(
          recall,
          {
            attempts: verdict.attempts,
            maxAttempts: this.settings.maxAttempts,
            retryAt: verdict.retryAt,
            next: verdict.change.status === 'pending' ? (verdict.change.nextRunAt ?? undefined) : undefined,
          },
          this.words(),
        ),
      );
    }
  }

  // ---- firing --------------------------------------------------------------------------------

  /** Fires one due recall, or moves it on; true when a run started. */
  private fire(recall: StoredRecall, now: number): boolean {
    const dueAt = recall.nextRunAt ?? now;
    if (this.cancelledByReply(recall, now)) return false;
    // Late because a storage fault held it (Navi was running all along) is not missed.
    const held = this.health.state.problem?.waitingRecallIds.includes(recall.id) ?? false;
    const late = now - dueAt > this.settings.missedAfterMs && !held;
    if (late && recall.attempts === 0 && this.handleMissed(recall, dueAt, now)) return false;
    const { orchestrator } = this.options;
    if (orchestrator.isBusy(recall.sessionId)) {
      // Behind another recall's run: next in line as soon as it ends. Behind a person's: a minute later.
      if (this.runningIn.has(recall.sessionId)) this.waitingTurn.add(recall.id);
      else this.defer(recall, dueAt, now);
      return false;
    }
    // A retry re-runs from the prompt of the failed try and replaces its reply, when nothing came after.
    const rerun =
      recall.attempts > 0 &&
      recall.promptId !== null &&
      recall.replyId !== null &&
      orchestrator.canRerun(recall.sessionId, recall.promptId, recall.replyId);
    const ids = rerun
      ? { promptId: recall.promptId!, replyId: recall.replyId! }
      : { promptId: this.options.newId(), replyId: this.options.newId() };
    if (!this.store.claim(recall.id, ids)) return false;
    let run;
    try {
      // The recall's unattended policy rules when a tool or a server needs a person's answer.
      const context = { recallId: recall.id, unattendedPolicy: recall.unattendedPolicy };
      run = rerun
        ? orchestrator.rerun(recall.sessionId, ids.promptId, ids.replyId, 'recall', context)
        : orchestrator.startRun(recall.sessionId, recall.message, 'recall', [], { ...ids, recall: context });
    } catch (error) {
      if (error instanceof RpcError && error.code === 'busy') {
        this.defer(recall, dueAt, now, 'running');
        return false;
      }
      if (isPassingStorageFault(error)) {
        // Nothing ran (the prompt could not be written): not a try. It waits, and the engine waits
        // out the fault (shown as its health), then fires it.
        this.owe(recall.id, () => this.store.update(recall.id, { status: 'pending', fireSlot: null }));
        throw error;
      }
      // It could not start for another reason (its conversation is gone, a damaged search index):
      // one failed try, retried with backoff like any other failure, never again in this tick.
      this.options.logger.warn(`Recall ${recall.id} could not start:`, error);
      const end: RunEnd = { kind: 'failed', error: `It could not start: ${readableError(error)}` };
      this.recordOrOwe({ recallId: recall.id, dueAt, startedAt: now, runId: null, end });
      return false;
    }
    const claimed = this.store.get(recall.id);
    if (claimed) this.changed(claimed);
    const record = { recallId: recall.id, dueAt, startedAt: now, runId: run.runId };
    const { sessionId } = recall;
    this.runningIn.set(sessionId, (this.runningIn.get(sessionId) ?? 0) + 1);
    void run.done.then((outcome) => {
      const left = (this.runningIn.get(sessionId) ?? 1) - 1;
      if (left > 0) this.runningIn.set(sessionId, left);
      else this.runningIn.delete(sessionId);
      // The ones waiting for their turn are due again: the next tick (armed at 0 ms) fires the next.
      this.waitingTurn.clear();
      this.runEnded(record, outcome);
    });
    return true;
  }

  // ---- cancel if the person replies ------------------------------------------------------------

  /**
   * Cancels the conversation's recalls that are set to end when the person writes there. It runs
   * on every change of a conversation (a recall's own run makes several): it reads only those
   * recalls, not every recall of the conversation (reading them all made each fire cost
   * milliseconds in a conversation with a hundred recalls, and fires queued up behind it).
   */
  private cancelOnReplies(sessionId: string): void {
    if (this.disposed || !this.started) return;
    const now = this.now();
    for (const recall of this.store.pendingCancelOnReply(sessionId)) this.cancelledByReply(recall, now);
  }

  /**
   * A recall set to cancel on a reply, whose conversation the person wrote in since it was set up
   * (or since its last run): cancelled, with a note saying so. True when it was.
   */
  private cancelledByReply(recall: StoredRecall, now: number): boolean {
    if (!recall.cancelOnReply) return false;
    const since = Math.max(recall.createdAt, recall.lastRunAt ?? 0);
    const wrote = this.options.sessions.lastUserMessageAt(recall.sessionId);
    if (wrote === undefined || wrote < since) return false;
    const said = `You wrote in this conversation at ${sayDateTime(wrote, this.words())}, before it was due; cancelled as set.`;
    const updated = this.store.update(
      recall.id,
      { status: 'cancelled', nextRunAt: null, lastOutcome: 'skipped', lastError: said },
      {
        recallId: recall.id,
        sessionId: recall.sessionId,
        dueAt: recall.nextRunAt ?? now,
        startedAt: now,
        finishedAt: now,
        outcome: 'skipped',
        error: said,
      },
    );
    if (!updated) return false;
    this.changed(updated);
    this.note(recall.sessionId, cancelledByReplyNote(recall, wrote, this.words()));
    this.arm();
    return true;
  }

  /** A run ended. Called from a promise callback: never throws. */
  private runEnded(record: Omit<RunRecord, 'end'>, outcome: RunOutcome): void {
    if (this.disposed) return; // Navi is closing: left `running`, recovered at the next start
    if (outcome.errorKind === 'shutdown' || outcome.errorKind === 'deleted') return;
    try {
      this.recordOrOwe({ ...record, end: runEndOf(outcome) });
      this.arm();
    } catch (error) {
      this.safely(() => this.fault(error));
    }
  }

  /** Records a run's end, or keeps it to record once storage works again (then rethrows). */
  private recordOrOwe(record: RunRecord): void {
    this.owe(record.recallId, () => this.record(record));
  }

  /** Does a write now; if it fails, keeps it to do first once storage works again, and rethrows. */
  private owe(recallId: string, write: () => void): void {
    if (this.owed.length > 0) {
      this.owed.push({ recallId, write }); // keep the order
      return;
    }
    try {
      write();
    } catch (error) {
      this.owed.push({ recallId, write });
      throw error;
    }
  }

  private writeOwed(): void {
    while (this.owed.length > 0) {
      this.owed[0]!.write();
      this.owed.shift();
    }
  }

  /** Moves the recall to its next state and records the run, in one transaction; tells people. */
  private record(record: RunRecord, notify = true): RunVerdict | undefined {
    const recall = this.store.get(record.recallId);
    if (!recall) return undefined; // deleted meanwhile (with its conversation)
    const now = this.now();
    // Paused or cancelled while it ran: keep that; only the outcome is recorded.
    const stillScheduled = recall.status === 'running';
    const verdict = judgeRun(recall, record.end, now, this.settings);
    const updated = this.store.update(
      recall.id,
      {
        ...(stillScheduled ? verdict.change : {}),
        fireSlot: null,
        lastRunAt: now,
        lastOutcome: verdict.result,
        lastError: verdict.error,
      },
      {
        recallId: recall.id,
        sessionId: recall.sessionId,
        dueAt: record.dueAt,
        startedAt: record.startedAt,
        finishedAt: now,
        runId: record.runId,
        outcome: verdict.result,
        error: verdict.error,
      },
    );
    if (updated) this.changed(updated);
    const snoozable = updated?.status === 'pending' && updated.nextRunAt !== null;
    if (notify && verdict.notify) this.notify(recall, verdict, record.end, snoozable);
    return verdict;
  }

  /** Tells people a recall ran or gave up, as its notify setting asks: always, on failure or attention, never. */
  private notify(recall: StoredRecall, verdict: RunVerdict, end: RunEnd, snoozable: boolean): void {
    const kind = verdict.notify!;
    const reply = end.kind === 'completed' || end.kind === 'max_iterations' ? end.reply : '';
    if (recall.notify === 'never') return;
    if (recall.notify === 'attention' && kind === 'fired' && !asksForAttention(reply)) return;
    const session = this.options.sessions.getSession(recall.sessionId);
    const sessionTitle = session?.title ?? 'Navi';
    const notification = {
      kind,
      recallId: recall.id,
      sessionId: recall.sessionId,
      sessionTitle,
      title: recallNoticeTitle(kind, sessionTitle),
      text: kind === 'fired' ? reply || 'The recall ran.' : (verdict.error ?? 'The recall failed.'),
    };
    let held = false;
    try {
      held = this.options.quietHours?.hold(notification) ?? false;
      // Windows hear it either way (unread marks, lists); they show it only when it is not held.
      this.options.bus.publish({ type: 'recall-fired', ...notification, outcome: verdict.result, held });
      if (!held) this.options.notifier?.notify({ ...notification, snoozable });
    } catch (error) {
      this.options.logger.warn('Could not show a notification:', error);
    }
  }

  /**
   * A run missed while Navi was closed or asleep. `skip`: note it and move on (true). Catch up once:
   * note how many runs were missed and fire one now (false). Many missed slots collapse into one.
   */
  private handleMissed(recall: StoredRecall, dueAt: number, now: number): boolean {
    const missed = countSlots(recall, dueAt, now);
    const summary =
      missed > 1
        ? `${missed} runs were due while Navi was closed or asleep`
        : 'It was due while Navi was closed or asleep';
    if (recall.missedPolicy === 'skip') {
      const next = nextSlotWithinEnd(recall, now, recall.runCount);
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
          error: `${summary}; skipped.`,
        },
      );
      this.note(recall.sessionId, skippedNote(recall, dueAt, missed, next, this.words()));
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
      error: `${summary}; running it once now.`,
    });
    this.note(recall.sessionId, catchUpNote(recall, dueAt, missed, this.words()));
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
        error: `A reply was being written in this conversation; trying again ${Math.round(this.settings.deferMs / 1000)} seconds later.`,
      },
    );
    if (updated) this.changed(updated);
  }

  /** A recall as windows and the agent see it (its schedule in the person's words). */
  toPublic(recall: StoredRecall): Recall {
    return publicRecall(recall, { now: this.now(), timeZone: this.options.timeZone() });
  }

  changed(recall: StoredRecall): void {
    this.options.bus.publish({ type: 'recall-changed', recall: this.toPublic(recall) });
  }

  /** Writes what happened into the conversation, as a line of Navi's own (not a reply). */
  private note(sessionId: string, text: string): void {
    try {
      if (!this.options.sessions.getSession(sessionId)) return;
      this.options.orchestrator.addNote(sessionId, text);
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

/**
 * A storage failure that passes by itself (a full disk, a read-only or busy database, an I/O error):
 * the scheduler waits it out. A damaged database or index does not pass; such a start failure is a
 * failed try like any other.
 */
function isPassingStorageFault(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN)/.test(code);
}
