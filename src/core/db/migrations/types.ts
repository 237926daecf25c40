import type { Database } from 'better-sqlite3';

/** One schema step. `up` runs inside the runner's transaction; it must not commit or vacuum. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
