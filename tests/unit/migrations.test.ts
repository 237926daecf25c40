import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/database';
import { DatabaseTooNewError, latestVersion, migrate } from '../../src/core/db/migrate';
import { migrations, type Migration } from '../../src/core/db/migrations';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('migration runner', () => {
  it('brings a fresh database file to the latest version with WAL and foreign keys on', () => {
    const file = join(tempDir(), 'navi.db');
    const opened = openDatabase(file);
    try {
      expect(opened.schemaVersion).toBe(latestVersion(migrations));
      expect(opened.db.pragma('user_version', { simple: true })).toBe(latestVersion(migrations));
      expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      opened.close();
    }
    // Reopening runs nothing again and keeps the data.
    const again = openDatabase(file);
    try {
      expect(again.db.prepare("SELECT count(*) AS n FROM app_meta WHERE key = 'created_at'").get()).toEqual({ n: 1 });
    } finally {
      again.close();
    }
  });

  it('refuses a database written by a newer version with a readable message and leaves it untouched', () => {
    const file = join(tempDir(), 'navi.db');
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${latestVersion(migrations) + 3}`);
    raw.close();

    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer version of Navi .*Update Navi/);

    const check = new BetterSqlite3(file);
    expect(check.pragma('user_version', { simple: true })).toBe(latestVersion(migrations) + 3);
    check.close();
  });

  it('runs pending migrations in one transaction: a failing step rolls back the earlier ones', () => {
    const db = new BetterSqlite3(':memory:');
    const steps: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x INTEGER)') },
      {
        version: 2,
        name: 'two',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, steps)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'one'").get()).toBeUndefined();
    db.close();
  });

  it('rejects a list whose versions are not 1, 2, 3 … in order', () => {
    const db = new BetterSqlite3(':memory:');
    const steps: Migration[] = [{ version: 2, name: 'skipped-one', up: () => {} }];
    expect(() => migrate(db, steps)).toThrow(/expected 1/);
    db.close();
  });

  it('applies only the steps a database has not seen', () => {
    const db = new BetterSqlite3(':memory:');
    const ran: number[] = [];
    const step = (version: number): Migration => ({ version, name: `m${version}`, up: () => void ran.push(version) });
    migrate(db, [step(1)]);
    migrate(db, [step(1), step(2), step(3)]);
    expect(ran).toEqual([1, 2, 3]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  describe.each(migrations.map((m) => [m.name, m] as const))('migration %s', (_name, migration) => {
    it('applies on top of the previous version', () => {
      const db = new BetterSqlite3(':memory:');
      migrate(db, migrations.slice(0, migration.version - 1));
      migrate(db, migrations.slice(0, migration.version));
      expect(db.pragma('user_version', { simple: true })).toBe(migration.version);
      db.close();
    });
  });
});
