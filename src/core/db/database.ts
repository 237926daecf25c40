import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';
import { migrations as defaultMigrations, type Migration } from './migrations';

export interface OpenDatabaseOptions {
  /** Path to a better-sqlite3 addon built for this runtime (the Electron build lives beside the Node one). */
  readonly nativeBinding?: string;
  readonly migrations?: readonly Migration[];
}

export interface OpenedDatabase {
  readonly db: Database;
  readonly file: string;
  readonly schemaVersion: number;
  close(): void;
}

/** Opens (or creates) a Navi database: WAL, foreign keys on, schema migrated to the latest version. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const schemaVersion = migrate(db, options.migrations ?? defaultMigrations, file);
    return {
      db,
      file,
      schemaVersion,
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
