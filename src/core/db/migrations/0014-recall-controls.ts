import type { Migration } from './types';

/**
 * What a person controls per recall: an end (until a time, or after a number of runs, with the runs
 * so far counted from the history), when it notifies (always, on failure or attention, never), and
 * whether a reply in its conversation cancels it.
 */
export const recallControls: Migration = {
  version: 14,
  name: 'recall-controls',
  up(db) {
    db.exec(`
      ALTER TABLE recalls ADD COLUMN ends_at INTEGER;
      ALTER TABLE recalls ADD COLUMN max_runs INTEGER CHECK (max_runs IS NULL OR max_runs >= 1);
      ALTER TABLE recalls ADD COLUMN run_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE recalls ADD COLUMN notify TEXT NOT NULL DEFAULT 'always'
        CHECK (notify IN ('always', 'attention', 'never'));
      ALTER TABLE recalls ADD COLUMN cancel_on_reply INTEGER NOT NULL DEFAULT 0 CHECK (cancel_on_reply IN (0, 1));
      UPDATE recalls SET run_count = (
        SELECT count(*) FROM recall_runs
        WHERE recall_runs.recall_id = recalls.id AND outcome IN ('success', 'max_iterations', 'stopped')
      );
    `);
  },
};
