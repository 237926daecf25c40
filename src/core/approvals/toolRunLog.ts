import type { Database, Statement } from 'better-sqlite3';
import {
  MAX_TOOL_RUN_LOG_ENTRIES,
  MAX_TOOL_RUN_LOG_INPUT_CHARS,
  type ApprovalState,
  type MessageOrigin,
  type ToolRunDecider,
  type ToolRunEntry,
} from '../../shared/contract';

interface ToolRunRow {
  id: number;
  session_id: string;
  run_id: string;
  tool_call_id: string;
  tool_name: string;
  tool_label: string;
  server_name: string | null;
  input: string;
  input_truncated: number;
  origin: MessageOrigin;
  decision: ApprovalState;
  decided_by: ToolRunDecider | null;
  reason: string;
  requested_at: number;
  decided_at: number | null;
  outcome: 'succeeded' | 'failed' | null;
}

const toEntry = (row: ToolRunRow): ToolRunEntry => ({
  id: row.id,
  sessionId: row.session_id,
  runId: row.run_id,
  toolCallId: row.tool_call_id,
  toolName: row.tool_name,
  toolLabel: row.tool_label,
  serverName: row.server_name,
  input: JSON.parse(row.input) as unknown,
  inputTruncated: row.input_truncated === 1,
  origin: row.origin,
  decision: row.decision,
  decidedBy: row.decided_by,
  reason: row.reason,
  requestedAt: row.requested_at,
  decidedAt: row.decided_at,
  outcome: row.outcome,
});

export interface NewToolRun {
  readonly sessionId: string;
  readonly runId: string;
  readonly toolCallId: string;
  readonly toolName: string;
  readonly toolLabel: string;
  readonly serverName: string | null;
  readonly input: unknown;
  readonly origin: MessageOrigin;
  readonly decision: ApprovalState;
  readonly decidedBy: ToolRunDecider | null;
  readonly reason: string;
}

export interface ToolRunDecision {
  readonly decision: ApprovalState;
  readonly decidedBy: ToolRunDecider | null;
  readonly reason: string;
}

/** Arguments as stored: JSON, cut to the limit (then kept as the start of the JSON text). */
function storedInput(input: unknown): { json: string; truncated: boolean } {
  let json: string;
  try {
    json = JSON.stringify(input ?? null) ?? 'null';
  } catch {
    json = JSON.stringify(String(input));
  }
  if (json.length <= MAX_TOOL_RUN_LOG_INPUT_CHARS) return { json, truncated: false };
  return { json: JSON.stringify(`${json.slice(0, MAX_TOOL_RUN_LOG_INPUT_CHARS)}…`), truncated: true };
}

/**
 * The log of tool calls per conversation: what ran, with which arguments, and who or what allowed
 * it. One row per call, written when it is decided (or starts waiting) and updated as it settles.
 */
export class ToolRunLog {
  private readonly sql: ReturnType<ToolRunLog['prepare']>;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      insert: db.prepare(`
        INSERT OR IGNORE INTO tool_runs (session_id, run_id, tool_call_id, tool_name, tool_label, server_name, input,
          input_truncated, origin, decision, decided_by, reason, requested_at, decided_at)
        VALUES (@sessionId, @runId, @toolCallId, @toolName, @toolLabel, @serverName, @input, @inputTruncated,
          @origin, @decision, @decidedBy, @reason, @now, @decidedAt)`),
      decide: db.prepare(`
        UPDATE tool_runs SET decision = @decision, decided_by = @decidedBy, reason = @reason, decided_at = @now
        WHERE run_id = @runId AND tool_call_id = @toolCallId AND decision = 'pending'`),
      outcome: db.prepare(`
        UPDATE tool_runs SET outcome = @outcome
        WHERE run_id = @runId AND tool_call_id = @toolCallId AND decision = 'allowed' AND outcome IS NULL`),
      trim: db.prepare(`
        DELETE FROM tool_runs WHERE session_id = @sessionId AND id <= (
          SELECT id FROM tool_runs WHERE session_id = @sessionId ORDER BY id DESC LIMIT 1 OFFSET @keep)`),
      page: db.prepare(
        'SELECT * FROM tool_runs WHERE session_id = ? AND id < ? ORDER BY id DESC LIMIT +?',
      ) as Statement<[string, number, number], ToolRunRow>,
      byRun: db.prepare(
        "SELECT * FROM tool_runs WHERE run_id = ? AND (decided_by IS NULL OR decided_by NOT IN ('rule', 'default')) ORDER BY id",
      ) as Statement<[string], ToolRunRow>,
      interrupted: db.prepare(`
        UPDATE tool_runs SET decision = 'cancelled', decided_by = 'stop', decided_at = @now,
          reason = 'Not run: Navi closed while waiting for your OK'
        WHERE decision = 'pending'`),
    };
  }

  /** Records a call as decided or as waiting for a person (`decision: 'pending'`). */
  record(run: NewToolRun): void {
    const { json, truncated } = storedInput(run.input);
    const now = this.now();
    this.db.transaction(() => {
      this.sql.insert.run({
        ...run,
        input: json,
        inputTruncated: truncated ? 1 : 0,
        now,
        decidedAt: run.decision === 'pending' ? null : now,
      });
      this.sql.trim.run({ sessionId: run.sessionId, keep: MAX_TOOL_RUN_LOG_ENTRIES });
    })();
  }

  /** Settles a waiting call. */
  decide(runId: string, toolCallId: string, decision: ToolRunDecision): void {
    this.sql.decide.run({ runId, toolCallId, ...decision, now: this.now() });
  }

  /** How an allowed call ended. */
  finished(runId: string, toolCallId: string, failed: boolean): void {
    this.sql.outcome.run({ runId, toolCallId, outcome: failed ? 'failed' : 'succeeded' });
  }

  /** A conversation's tool runs, newest first. */
  page(
    sessionId: string,
    options: { beforeId?: number; limit: number },
  ): { entries: ToolRunEntry[]; hasMore: boolean } {
    const rows = this.sql.page.all(sessionId, options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit + 1);
    return { entries: rows.slice(0, options.limit).map(toEntry), hasMore: rows.length > options.limit };
  }

  /** The calls a run asked a person about (or denied by its unattended policy), in order. */
  askedInRun(runId: string): ToolRunEntry[] {
    return this.sql.byRun.all(runId).map(toEntry);
  }

  /** Calls left waiting when Navi closed: they never ran. Called once at start. */
  recoverInterrupted(): number {
    return this.sql.interrupted.run({ now: this.now() }).changes;
  }
}
