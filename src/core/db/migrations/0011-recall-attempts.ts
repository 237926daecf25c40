import type { Migration } from './types';

/**
 * A recall remembers the prompt and reply ids of its current (or last failed) attempt: a retry
 * re-runs from that prompt and replaces the failed reply, and after a crash the scheduler can tell
 * a run that finished (its reply stored complete) from one that was interrupted. Run history gains
 * the `stopped` and `interrupted` outcomes (the CHECK is widened by rebuilding the table).
 */
export const recallAttempts: Migration = {
  version: 11,
  name: 'recall-attempts',
  up(db) {
    db.exec(`
      ALTER TABLE recalls ADD COLUMN prompt_id TEXT;
      ALTER TABLE recalls ADD COLUMN reply_id TEXT;

      CREATE TABLE recall_runs_next (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        recall_id TEXT NOT NULL REFERENCES recalls (id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        outcome TEXT NOT NULL CHECK (outcome IN
          ('success', 'failed', 'max_iterations', 'deferred', 'missed', 'skipped', 'stopped', 'interrupted')),
        error TEXT,
        run_id TEXT
      ) STRICT;
      INSERT INTO recall_runs_next SELECT id, recall_id, session_id, due_at, started_at, finished_at, outcome, error, run_id
        FROM recall_runs;
      DROP TABLE recall_runs;
      ALTER TABLE recall_runs_next RENAME TO recall_runs;
      CREATE INDEX recall_runs_by_recall ON recall_runs (recall_id, id DESC);
    `);
  },
};
