import type { Database, Statement } from 'better-sqlite3';
import type {
  MissedRunPolicy,
  Recall,
  RecallNotifyPolicy,
  RecallOutcome,
  RecallRun,
  RecallStatus,
  UnattendedPolicy,
} from '../../shared/contract';
import { RpcError } from '../../shared/rpc';
import { inOneTransaction } from '../db/transactions';

interface RecallRow {
  id: string;
  session_id: string;
  kind: Recall['kind'];
  trigger_at: number | null;
  interval_seconds: number | null;
  cron_expression: string | null;
  time_zone: string | null;
  message: string;
  status: RecallStatus;
  missed_policy: MissedRunPolicy;
  unattended_policy: UnattendedPolicy;
  ends_at: number | null;
  max_runs: number | null;
  run_count: number;
  notify: RecallNotifyPolicy;
  cancel_on_reply: 0 | 1;
  created_by: Recall['createdBy'];
  next_run_at: number | null;
  fire_slot: number | null;
  prompt_id: string | null;
  reply_id: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
  last_run_at: number | null;
  last_outcome: RecallOutcome | null;
  last_error: string | null;
}

interface RunRow {
  id: number;
  recall_id: string;
  session_id: string;
  due_at: number;
  started_at: number;
  finished_at: number | null;
  outcome: RecallOutcome;
  error: string | null;
  run_id: string | null;
}

/**
 * A stored recall plus what only the scheduler needs: the due time it was fired for (while running),
 * and the prompt and reply of its current or last failed attempt.
 */
export interface StoredRecall extends Omit<Recall, 'scheduleWords'> {
  readonly fireSlot: number | null;
  readonly promptId: string | null;
  readonly replyId: string | null;
}

const toRecall = (row: RecallRow): StoredRecall => ({
  id: row.id,
  sessionId: row.session_id,
  kind: row.kind,
  triggerAt: row.trigger_at,
  intervalSeconds: row.interval_seconds,
  cronExpression: row.cron_expression,
  timeZone: row.time_zone,
  message: row.message,
  status: row.status,
  missedPolicy: row.missed_policy,
  unattendedPolicy: row.unattended_policy,
  endsAt: row.ends_at,
  maxRuns: row.max_runs,
  runCount: row.run_count,
  notify: row.notify,
  cancelOnReply: row.cancel_on_reply === 1,
  createdBy: row.created_by,
  nextRunAt: row.next_run_at,
  fireSlot: row.fire_slot,
  promptId: row.prompt_id,
  replyId: row.reply_id,
  attempts: row.attempts,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  lastRunAt: row.last_run_at,
  lastOutcome: row.last_outcome,
  lastError: row.last_error,
});

const toRun = (row: RunRow): RecallRun => ({
  id: row.id,
  recallId: row.recall_id,
  sessionId: row.session_id,
  dueAt: row.due_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  outcome: row.outcome,
  error: row.error,
  runId: row.run_id,
});

export interface NewRecall {
  readonly id: string;
  readonly sessionId: string;
  readonly kind: Recall['kind'];
  readonly triggerAt: number | null;
  readonly intervalSeconds: number | null;
  readonly cronExpression: string | null;
  readonly timeZone: string | null;
  readonly message: string;
  readonly missedPolicy: MissedRunPolicy;
  readonly unattendedPolicy: UnattendedPolicy;
  readonly endsAt?: number | null;
  readonly maxRuns?: number | null;
  readonly notify?: RecallNotifyPolicy;
  readonly cancelOnReply?: boolean;
  readonly createdBy: Recall['createdBy'];
  readonly nextRunAt: number;
}

/** What changes when a recall moves to its next state; everything else stays. */
export interface RecallChange {
  readonly status?: RecallStatus;
  readonly nextRunAt?: number | null;
  readonly fireSlot?: number | null;
  readonly promptId?: string | null;
  readonly replyId?: string | null;
  readonly attempts?: number;
  readonly lastRunAt?: number | null;
  readonly lastOutcome?: RecallOutcome | null;
  readonly lastError?: string | null;
  readonly message?: string;
  readonly missedPolicy?: MissedRunPolicy;
  readonly unattendedPolicy?: UnattendedPolicy;
  readonly endsAt?: number | null;
  readonly maxRuns?: number | null;
  readonly runCount?: number;
  readonly notify?: RecallNotifyPolicy;
  readonly cancelOnReply?: boolean;
  readonly schedule?: Pick<NewRecall, 'kind' | 'triggerAt' | 'intervalSeconds' | 'cronExpression' | 'timeZone'>;
}

export interface NewRecallRun {
  readonly recallId: string;
  readonly sessionId: string;
  readonly dueAt: number;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly outcome: RecallOutcome;
  readonly error?: string | null;
  readonly runId?: string | null;
}

export function recallNotFound(id: string): RpcError {
  return new RpcError('not_found', `Recall ${id} does not exist (it may have been deleted with its conversation).`);
}

/** Recalls and their history in SQLite: the scheduler's source of truth. */
export class RecallStore {
  private readonly sql: ReturnType<RecallStore['prepare']>;
  private readonly updates = new Map<string, Statement>();

  /** Runs `work` in one transaction (made once: better-sqlite3 builds four wrappers per `transaction()`). */
  private readonly transact: <T>(work: () => T) => T;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = this.prepare();
    this.transact = inOneTransaction(db);
  }

  private prepare() {
    const db = this.db;
    return {
      insert: db.prepare(`
        INSERT INTO recalls (id, session_id, kind, trigger_at, interval_seconds, cron_expression, time_zone, message,
          status, missed_policy, unattended_policy, ends_at, max_runs, notify, cancel_on_reply, created_by, next_run_at,
          created_at, updated_at)
        VALUES (@id, @sessionId, @kind, @triggerAt, @intervalSeconds, @cronExpression, @timeZone, @message,
          'pending', @missedPolicy, @unattendedPolicy, @endsAt, @maxRuns, @notify, @cancelOnReply, @createdBy,
          @nextRunAt, @now, @now)`),
      get: db.prepare('SELECT * FROM recalls WHERE id = ?') as Statement<[string], RecallRow>,
      all: db.prepare('SELECT * FROM recalls ORDER BY COALESCE(next_run_at, 9e15), created_at') as Statement<
        [],
        RecallRow
      >,
      bySession: db.prepare(
        'SELECT * FROM recalls WHERE session_id = ? ORDER BY COALESCE(next_run_at, 9e15), created_at',
      ) as Statement<[string], RecallRow>,
      // The few a person's writing can cancel; a conversation may hold many other recalls.
      cancelOnReply: db.prepare(
        `SELECT * FROM recalls WHERE session_id = ? AND status = 'pending' AND cancel_on_reply = 1
         ORDER BY COALESCE(next_run_at, 9e15), created_at`,
      ) as Statement<[string], RecallRow>,
      countActive: db
        .prepare("SELECT count(*) FROM recalls WHERE session_id = ? AND status IN ('pending', 'running', 'paused')")
        .pluck() as Statement<[string], number>,
      earliestDue: db.prepare("SELECT MIN(next_run_at) FROM recalls WHERE status = 'pending'").pluck() as Statement<
        [],
        number | null
      >,
      earliestDueExcept: db
        .prepare(
          `SELECT next_run_at FROM recalls WHERE status = 'pending' AND next_run_at IS NOT NULL
             AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY next_run_at LIMIT 1`,
        )
        .pluck() as Statement<[string], number>,
      // A unary plus on the bound LIMIT: SQLite compiles a statement again on every run whose LIMIT is a
      // bare bound parameter (see tests/unit/db/boundLimits.test.ts); this one runs at every fire.
      due: db.prepare(
        "SELECT * FROM recalls WHERE status = 'pending' AND next_run_at <= ? ORDER BY next_run_at LIMIT +?",
      ) as Statement<[number, number], RecallRow>,
      running: db.prepare("SELECT * FROM recalls WHERE status = 'running'") as Statement<[], RecallRow>,
      claim: db.prepare(`
        UPDATE recalls SET status = 'running', fire_slot = next_run_at, prompt_id = @promptId, reply_id = @replyId,
          updated_at = @now
        WHERE id = @id AND status = 'pending'`),
      delete: db.prepare('DELETE FROM recalls WHERE id = ?'),
      insertRun: db.prepare(`
        INSERT INTO recall_runs (recall_id, session_id, due_at, started_at, finished_at, outcome, error, run_id)
        VALUES (@recallId, @sessionId, @dueAt, @startedAt, @finishedAt, @outcome, @error, @runId)`),
      runsAll: db.prepare('SELECT * FROM recall_runs ORDER BY id DESC LIMIT +?') as Statement<[number], RunRow>,
      runsByRecall: db.prepare('SELECT * FROM recall_runs WHERE recall_id = ? ORDER BY id DESC LIMIT +?') as Statement<
        [string, number],
        RunRow
      >,
      runsBySession: db.prepare(
        'SELECT * FROM recall_runs WHERE session_id = ? ORDER BY id DESC LIMIT +?',
      ) as Statement<[string, number], RunRow>,
    };
  }

  insert(recall: NewRecall): StoredRecall {
    this.sql.insert.run({
      ...recall,
      endsAt: recall.endsAt ?? null,
      maxRuns: recall.maxRuns ?? null,
      notify: recall.notify ?? 'always',
      cancelOnReply: recall.cancelOnReply ? 1 : 0,
      now: this.now(),
    });
    return this.require(recall.id);
  }

  get(id: string): StoredRecall | undefined {
    const row = this.sql.get.get(id);
    return row ? toRecall(row) : undefined;
  }

  require(id: string): StoredRecall {
    const recall = this.get(id);
    if (!recall) throw recallNotFound(id);
    return recall;
  }

  list(sessionId?: string): StoredRecall[] {
    return (sessionId ? this.sql.bySession.all(sessionId) : this.sql.all.all()).map(toRecall);
  }

  /** The conversation's pending recalls set to be cancelled when the person writes there. */
  pendingCancelOnReply(sessionId: string): StoredRecall[] {
    return this.sql.cancelOnReply.all(sessionId).map(toRecall);
  }

  countActive(sessionId: string): number {
    return this.sql.countActive.get(sessionId) ?? 0;
  }

  /** The earliest due time of any pending recall (one indexed lookup). */
  earliestDue(): number | undefined {
    return this.sql.earliestDue.get() ?? undefined;
  }

  /** The earliest time a pending recall other than `except` is due, if one is (ordered by the due index). */
  earliestDueExcept(except: readonly string[]): number | undefined {
    return this.sql.earliestDueExcept.get(JSON.stringify(except)) ?? undefined;
  }

  due(now: number, limit: number): StoredRecall[] {
    return this.sql.due.all(now, limit).map(toRecall);
  }

  running(): StoredRecall[] {
    return this.sql.running.all().map(toRecall);
  }

  /**
   * Atomically moves a pending recall to running, with the ids its run will store its prompt and
   * reply under (so a crash can tell a finished run from an interrupted one); false if someone else
   * got there first.
   */
  claim(id: string, run: { readonly promptId: string; readonly replyId: string }): boolean {
    return this.sql.claim.run({ id, ...run, now: this.now() }).changes === 1;
  }

  /** Applies a state change and (optionally) records a history row, in one transaction. */
  update(id: string, change: RecallChange, run?: NewRecallRun): StoredRecall | undefined {
    const sets: string[] = ['updated_at = @updatedAt'];
    const values: Record<string, unknown> = { id, updatedAt: this.now() };
    const column = (name: string, key: string, value: unknown): void => {
      sets.push(`${name} = @${key}`);
      values[key] = value;
    };
    if (change.status !== undefined) column('status', 'status', change.status);
    if (change.nextRunAt !== undefined) column('next_run_at', 'nextRunAt', change.nextRunAt);
    if (change.fireSlot !== undefined) column('fire_slot', 'fireSlot', change.fireSlot);
    if (change.promptId !== undefined) column('prompt_id', 'promptId', change.promptId);
    if (change.replyId !== undefined) column('reply_id', 'replyId', change.replyId);
    if (change.attempts !== undefined) column('attempts', 'attempts', change.attempts);
    if (change.lastRunAt !== undefined) column('last_run_at', 'lastRunAt', change.lastRunAt);
    if (change.lastOutcome !== undefined) column('last_outcome', 'lastOutcome', change.lastOutcome);
    if (change.lastError !== undefined) column('last_error', 'lastError', change.lastError);
    if (change.message !== undefined) column('message', 'message', change.message);
    if (change.missedPolicy !== undefined) column('missed_policy', 'missedPolicy', change.missedPolicy);
    if (change.unattendedPolicy !== undefined) column('unattended_policy', 'unattendedPolicy', change.unattendedPolicy);
    if (change.endsAt !== undefined) column('ends_at', 'endsAt', change.endsAt);
    if (change.maxRuns !== undefined) column('max_runs', 'maxRuns', change.maxRuns);
    if (change.runCount !== undefined) column('run_count', 'runCount', change.runCount);
    if (change.notify !== undefined) column('notify', 'notify', change.notify);
    if (change.cancelOnReply !== undefined) column('cancel_on_reply', 'cancelOnReply', change.cancelOnReply ? 1 : 0);
    if (change.schedule) {
      column('kind', 'kind', change.schedule.kind);
      column('trigger_at', 'triggerAt', change.schedule.triggerAt);
      column('interval_seconds', 'intervalSeconds', change.schedule.intervalSeconds);
      column('cron_expression', 'cronExpression', change.schedule.cronExpression);
      column('time_zone', 'timeZone', change.schedule.timeZone);
    }
    return this.transact(() => {
      const changed = this.updateStatement(sets).run(values).changes;
      if (changed === 0) return undefined;
      if (run) this.sql.insertRun.run({ error: null, runId: null, ...run });
      return this.get(id);
    });
  }

  /** Updates touch a few combinations of columns; each is prepared once. */
  private updateStatement(sets: readonly string[]): Statement {
    const sql = `UPDATE recalls SET ${sets.join(', ')} WHERE id = @id`;
    let statement = this.updates.get(sql);
    if (!statement) this.updates.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  addRun(run: NewRecallRun): void {
    this.sql.insertRun.run({ error: null, runId: null, ...run });
  }

  delete(id: string): boolean {
    return this.sql.delete.run(id).changes > 0;
  }

  history(filter: { recallId?: string; sessionId?: string; limit?: number } = {}): RecallRun[] {
    const limit = filter.limit ?? 100;
    const rows = filter.recallId
      ? this.sql.runsByRecall.all(filter.recallId, limit)
      : filter.sessionId
        ? this.sql.runsBySession.all(filter.sessionId, limit)
        : this.sql.runsAll.all(limit);
    return rows.map(toRun);
  }
}
