import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/db/migrate';
import { migrations } from '../../../src/core/db/migrations';

const version = 12;

function atVersion(target: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, target));
  return db;
}

describe('migration 0012 tool-approval', () => {
  it('applies on top of version 11: existing recalls wait for approval by default', () => {
    const db = atVersion(version - 1);
    db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s1', 'Kept', 1, 1)").run();
    db.prepare(
      `INSERT INTO recalls (id, session_id, kind, trigger_at, message, status, created_by, created_at, updated_at)
       VALUES ('r1', 's1', 'once', 5, 'Check', 'pending', 'user', 1, 1)`,
    ).run();
    migrate(db, migrations.slice(0, version));
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.prepare("SELECT unattended_policy FROM recalls WHERE id = 'r1'").get()).toEqual({
      unattended_policy: 'wait',
    });
    expect(() => db.prepare("UPDATE recalls SET unattended_policy = 'maybe' WHERE id = 'r1'").run()).toThrow(
      /CHECK constraint/,
    );
    db.close();
  });

  it('keeps one rule per target, and a rule names either a built-in, a server or a server’s tool', () => {
    const db = atVersion(version);
    db.prepare(
      "INSERT INTO mcp_servers (id, name, transport, command, created_at, updated_at) VALUES ('m1', 'Everything', 'stdio', 'node', 1, 1)",
    ).run();
    const insert = db.prepare(
      'INSERT INTO tool_policies (kind, server_id, tool_name, policy, updated_at) VALUES (?, ?, ?, ?, 1)',
    );
    insert.run('builtin', null, 'current_time', 'never');
    insert.run('server', 'm1', null, 'allow');
    insert.run('mcp-tool', 'm1', 'echo', 'ask');
    expect(() => insert.run('builtin', null, 'current_time', 'allow')).toThrow(/UNIQUE constraint/);
    expect(() => insert.run('server', 'm1', null, 'ask')).toThrow(/UNIQUE constraint/);
    expect(() => insert.run('server', null, null, 'ask')).toThrow(/CHECK constraint/);
    expect(() => insert.run('mcp-tool', 'm1', 'add', 'sometimes')).toThrow(/CHECK constraint/);
    expect(() => insert.run('mcp-tool', 'nope', 'add', 'allow')).toThrow(/FOREIGN KEY/);
    // Removing the server removes its rules; the built-in's rule stays.
    db.prepare("DELETE FROM mcp_servers WHERE id = 'm1'").run();
    expect(db.prepare('SELECT kind FROM tool_policies').all()).toEqual([{ kind: 'builtin' }]);
    db.close();
  });

  it('logs tool runs per conversation and forgets them with it', () => {
    const db = atVersion(version);
    db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s1', 'Chat', 1, 1)").run();
    const insert = db.prepare(
      `INSERT INTO tool_runs (session_id, run_id, tool_call_id, tool_name, tool_label, input, origin, decision, reason, requested_at)
       VALUES ('s1', 'run', ?, 'current_time', 'current_time', ?, 'user', 'allowed', 'Allowed by default', 1)`,
    );
    insert.run('c1', '{}');
    expect(() => insert.run('c1', '{}')).toThrow(/UNIQUE constraint/);
    expect(() => insert.run('c2', 'not json')).toThrow(/CHECK constraint/);
    db.prepare("DELETE FROM sessions WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM tool_runs').get()).toEqual({ n: 0 });
    db.close();
  });
});
