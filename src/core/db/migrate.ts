import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/types';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The database ${file} was written by a newer version of Navi (schema version ${found}; ` +
        `this version understands up to ${supported}). Update Navi, or start it with another data directory.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function latestVersion(list: readonly Migration[]): number {
  return list.length === 0 ? 0 : list[list.length - 1]!.version;
}

/**
 * Brings the schema to the newest version in one transaction, so a failure leaves the database
 * exactly as it was. `PRAGMA user_version` records how far it got.
 */
export function migrate(db: Database, list: readonly Migration[], file = db.name): number {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
  const latest = latestVersion(list);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseTooNewError(file, current, latest);
  if (current === latest) return current;

  db.transaction(() => {
    for (const migration of list.slice(current)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return latest;
}
