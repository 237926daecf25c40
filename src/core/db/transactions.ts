import type { Database } from 'better-sqlite3';

/**
 * A function that runs its callback in one transaction of `db` (immediate: see openDatabase), made once
 * for a store's many writes: `db.transaction(fn)` builds four wrapper functions each time it is
 * called, garbage on every write of a hot path.
 */
export function inOneTransaction(db: Database): <T>(work: () => T) => T {
  const run = db.transaction((work: () => unknown) => work());
  return <T>(work: () => T): T => run(work) as T;
}
