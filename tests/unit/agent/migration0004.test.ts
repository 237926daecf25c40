import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/db/migrate';
import { migrations } from '../../../src/core/db/migrations';

const version = 4;

describe('migration 0004 agent-settings', () => {
  it('applies on top of version 3 with data in place, creating STRICT tables', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, migrations.slice(0, version - 1));
    db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s1', 'Kept', 1, 1)").run();

    migrate(db, migrations.slice(0, version));

    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.prepare("SELECT title FROM sessions WHERE id = 's1'").get()).toEqual({ title: 'Kept' });
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    for (const name of ['providers', 'profiles', 'agent_settings']) {
      expect(tables.find((table) => table.name === name)?.sql).toMatch(/STRICT$/);
    }
    db.close();
  });

  it('enforces kinds, unique profile names (case-insensitive) and JSON values', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, migrations.slice(0, version));
    expect(() =>
      db
        .prepare("INSERT INTO providers (id, kind, name, created_at, updated_at) VALUES ('p', 'gemini', 'G', 1, 1)")
        .run(),
    ).toThrow(/CHECK constraint/);
    const profile = db.prepare(
      "INSERT INTO profiles (id, name, provider_id, model, created_at, updated_at) VALUES (?, ?, 'p', 'm', 1, 1)",
    );
    profile.run('a', 'Work');
    expect(() => profile.run('b', 'work')).toThrow(/UNIQUE constraint/);
    expect(() => db.prepare("INSERT INTO agent_settings (key, value) VALUES ('k', 'not json')").run()).toThrow(
      /CHECK constraint/,
    );
    // No column could hold an API key.
    const columns = ['providers', 'profiles', 'agent_settings'].flatMap((table) =>
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name),
    );
    expect(columns.filter((name) => /key/i.test(name) && name !== 'key')).toEqual([]);
    db.close();
  });
});
