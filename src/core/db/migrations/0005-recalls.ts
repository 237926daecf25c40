import type { Migration } from './types';

/**
 * Recalls and their run history. `next_run_at` is indexed for the scheduler's one "earliest due"
 * query; `fire_slot` remembers which due time a running recall was fired for (crash recovery).
 */
export const recalls: Migration = {
  version: 5,
  name: 'recalls',
  up(db) {
    db.exec(`
      CREATE TABLE recalls (
        id TEXT PRIMARY KEY NOT NULL,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('once', 'interval', 'cron')),
        trigger_at INTEGER,
        interval_seconds INTEGER CHECK (interval_seconds IS NULL OR interval_seconds > 0),
        cron_expression TEXT,
        time_zone TEXT,
        message TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'paused', 'done', 'cancelled', 'failed')),
        missed_policy TEXT NOT NULL DEFAULT 'catch_up_once' CHECK (missed_policy IN ('catch_up_once', 'skip')),
        created_by TEXT NOT NULL CHECK (created_by IN ('agent', 'user')),
        next_run_at INTEGER,
        fire_slot INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_run_at INTEGER,
        last_outcome TEXT,
        last_error TEXT,
        CHECK (kind != 'once' OR trigger_at IS NOT NULL),
        CHECK (kind != 'interval' OR interval_seconds IS NOT NULL),
        CHECK (kind != 'cron' OR (cron_expression IS NOT NULL AND time_zone IS NOT NULL))
      ) STRICT;
      CREATE INDEX recalls_due ON recalls (next_run_at) WHERE status = 'pending';
      CREATE INDEX recalls_by_session ON recalls (session_id);

      CREATE TABLE recall_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        recall_id TEXT NOT NULL REFERENCES recalls (id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failed', 'max_iterations', 'deferred', 'missed', 'skipped')),
        error TEXT,
        run_id TEXT
      ) STRICT;
      CREATE INDEX recall_runs_by_recall ON recall_runs (recall_id, id DESC);
    `);
  },
};
