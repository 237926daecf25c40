import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ExportedRecall, ExportedToolRun } from '../../shared/contract/exports';
import { MAX_EXPORT_RECALL_RUNS, MAX_EXPORT_RECALLS, MAX_TOOL_RUN_LOG_ENTRIES } from '../../shared/contract/limits';
import { ToolRunLog } from '../approvals/toolRunLog';
import { RecallStore } from '../recalls/recallStore';

/** A conversation's recalls (with their history) and tool-run log, as an export carries them. */
export interface ConversationActivity {
  readonly recalls: ExportedRecall[];
  readonly toolRuns: ExportedToolRun[];
}

/**
 * Reads a conversation's recalls and tool runs for an export (through their own stores), and
 * writes imported ones under a new conversation: recalls paused whatever state they were in (an
 * import never starts runs), their history and the tool-run log kept with their times, run ids
 * renewed consistently so a recall run still finds the approvals it asked for.
 */
export class ActivityRows {
  private readonly recalls: RecallStore;
  private readonly toolRuns: ToolRunLog;
  private readonly statements;

  constructor(
    private readonly db: Database,
    now: () => number,
  ) {
    this.recalls = new RecallStore(db, now);
    this.toolRuns = new ToolRunLog(db, now);
    this.statements = {
      insertRecall: db.prepare(`
        INSERT INTO recalls (id, session_id, kind, trigger_at, interval_seconds, cron_expression, time_zone, message,
          status, missed_policy, unattended_policy, ends_at, max_runs, run_count, notify, cancel_on_reply, created_by,
          next_run_at, attempts, created_at, updated_at, last_run_at, last_outcome, last_error)
        VALUES (@id, @sessionId, @kind, @triggerAt, @intervalSeconds, @cronExpression, @timeZone, @message,
          'paused', @missedPolicy, @unattendedPolicy, @endsAt, @maxRuns, @runCount, @notify, @cancelOnReply, @createdBy,
          @nextRunAt, 0, @createdAt, @updatedAt, @lastRunAt, @lastOutcome, @lastError)`),
      insertRun: db.prepare(`
        INSERT INTO recall_runs (recall_id, session_id, due_at, started_at, finished_at, outcome, error, run_id)
        VALUES (@recallId, @sessionId, @dueAt, @startedAt, @finishedAt, @outcome, @error, @runId)`),
      insertToolRun: db.prepare(`
        INSERT OR IGNORE INTO tool_runs (session_id, run_id, tool_call_id, tool_name, tool_label, server_name, input,
          input_truncated, origin, decision, decided_by, reason, requested_at, decided_at, outcome)
        VALUES (@sessionId, @runId, @toolCallId, @toolName, @toolLabel, @serverName, @input, @inputTruncated,
          @origin, @decision, @decidedBy, @reason, @requestedAt, @decidedAt, @outcome)`),
    };
  }

  /** The conversation's recalls (each with its newest runs) and its tool-run log, oldest entry first. */
  read(sessionId: string): ConversationActivity {
    const recalls = this.recalls
      .list(sessionId)
      .slice(0, MAX_EXPORT_RECALLS)
      .map(
        ({
          sessionId: _session,
          fireSlot: _slot,
          promptId: _prompt,
          replyId: _reply,
          attempts: _tries,
          ...recall
        }) => ({
          ...recall,
          runs: this.recalls
            .history({ recallId: recall.id, limit: MAX_EXPORT_RECALL_RUNS })
            .map(({ dueAt, startedAt, finishedAt, outcome, error, runId }) => ({
              dueAt,
              startedAt,
              finishedAt,
              outcome,
              error,
              runId,
            })),
        }),
      );
    const toolRuns = this.toolRuns
      .page(sessionId, { limit: MAX_TOOL_RUN_LOG_ENTRIES })
      .entries.reverse()
      .map(({ id: _id, sessionId: _session, ...entry }) => entry);
    return { recalls, toolRuns };
  }

  /** Writes imported recalls and tool runs under `sessionId`; call inside the import's transaction. */
  insert(sessionId: string, activity: ConversationActivity, newId: () => string = randomUUID): void {
    const runIds = new Map<string, string>();
    const renewed = (runId: string | null): string | null => {
      if (runId === null) return null;
      let next = runIds.get(runId);
      if (next === undefined) runIds.set(runId, (next = newId()));
      return next;
    };
    for (const { runs, ...recall } of activity.recalls) {
      const id = newId();
      this.statements.insertRecall.run({
        ...recall,
        id,
        sessionId,
        cancelOnReply: recall.cancelOnReply ? 1 : 0,
      });
      // History is stored oldest first, as it happened (the file lists it newest first).
      for (const run of [...runs].reverse()) {
        this.statements.insertRun.run({ ...run, recallId: id, sessionId, runId: renewed(run.runId) });
      }
    }
    for (const entry of activity.toolRuns) {
      this.statements.insertToolRun.run({
        ...entry,
        sessionId,
        runId: renewed(entry.runId),
        input: JSON.stringify(entry.input ?? null),
        inputTruncated: entry.inputTruncated ? 1 : 0,
      });
    }
  }
}
