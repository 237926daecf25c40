import BetterSqlite3, { type Database } from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/database';
import { DatabaseTooNewError, latestVersion, migrate } from '../../src/core/db/migrate';
import { migrations, type Migration } from '../../src/core/db/migrations';
import { MessageSearch } from '../../src/core/search/messageSearch';
import { SessionStore } from '../../src/core/store/sessionStore';
import { messageText } from '../../src/shared/contract';
import { projectRoot } from '../helpers/host';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const quietLogger = { info: () => {}, warn: () => {}, error: () => {} };

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

/**
 * Data written at each version, and what must be true of it after every later migration. Walking
 * the versions one by one, each step checks everything written so far, then writes its own rows.
 */
interface DataStep {
  readonly version: number;
  write(db: Database): void;
  check(db: Database, version: number): void;
}

/** The row with only the columns the `reference` rows have. */
function pick(row: Record<string, unknown>, reference: readonly unknown[]): Record<string, unknown> {
  const keys = Object.keys((reference[0] ?? row) as object);
  return Object.fromEntries(keys.map((key) => [key, row[key]]));
}

const one = <T>(db: Database, sql: string, ...params: unknown[]): T => db.prepare(sql).get(...params) as T;
const all = <T>(db: Database, sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];

const dataSteps: DataStep[] = [
  {
    version: 1,
    write: () => {},
    check: (db) => {
      const { value } = one<{ value: string }>(db, "SELECT value FROM app_meta WHERE key = 'created_at'");
      expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    },
  },
  {
    version: 2,
    write: (db) => {
      db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s1', 'Kept', 10, 20)").run();
      db.prepare("UPDATE sessions SET last_seq = 7 WHERE id = 's1'").run();
    },
    check: (db) => {
      expect(one(db, "SELECT title, created_at, updated_at, archived, last_seq FROM sessions WHERE id = 's1'")).toEqual(
        {
          title: 'Kept',
          created_at: 10,
          updated_at: 20,
          archived: 0,
          last_seq: 7,
        },
      );
    },
  },
  {
    version: 3,
    write: (db) => {
      const insert = db.prepare(
        `INSERT INTO messages (id, session_id, position, role, parts, status, created_at)
         VALUES (?, 's1', ?, ?, ?, 'complete', 30)`,
      );
      insert.run('m1', 1, 'user', JSON.stringify([{ type: 'text', text: 'Hello ferry' }]));
      insert.run('m2', 2, 'assistant', JSON.stringify([{ type: 'text', text: 'Hi' }]));
      insert.run('m3', 3, 'user', JSON.stringify([{ type: 'text', text: 'Again' }]));
      expect(() => insert.run('bad', 4, 'system', '[]')).toThrow(/CHECK constraint/);
    },
    check: (db) => {
      const rows = all<{ id: string; origin: string; parts: string }>(
        db,
        "SELECT id, origin, parts FROM messages WHERE id IN ('m1', 'm2', 'm3') ORDER BY position",
      );
      expect(rows.map((row) => [row.id, row.origin, JSON.parse(row.parts)[0].text])).toEqual([
        ['m1', 'user', 'Hello ferry'],
        ['m2', 'user', 'Hi'],
        ['m3', 'user', 'Again'],
      ]);
    },
  },
  {
    version: 4,
    write: (db) => {
      db.prepare(
        "INSERT INTO providers (id, kind, name, base_url, created_at, updated_at) VALUES ('p1', 'openai-compatible', 'Local', 'http://x/v1', 1, 1)",
      ).run();
      db.prepare(
        "INSERT INTO profiles (id, name, system_prompt, provider_id, model, created_at, updated_at) VALUES ('f1', 'Default', '', 'p1', 'llama', 1, 1)",
      ).run();
      db.prepare(
        "INSERT INTO profiles (id, name, system_prompt, provider_id, model, created_at, updated_at) VALUES ('f2', 'Terse', 'Be brief.', 'p1', 'llama', 2, 2)",
      ).run();
      db.prepare("INSERT INTO agent_settings (key, value) VALUES ('maxIterations', '5')").run();
    },
    check: (db, version) => {
      expect(one(db, "SELECT name, base_url FROM providers WHERE id = 'p1'")).toEqual({
        name: 'Local',
        base_url: 'http://x/v1',
      });
      expect(one(db, "SELECT value FROM agent_settings WHERE key = 'maxIterations'")).toEqual({ value: '5' });
      const prompts = all<{ id: string; system_prompt: string }>(
        db,
        'SELECT id, system_prompt FROM profiles ORDER BY id',
      );
      // A profile the guided setup left without instructions gets the default ones from version 8 on.
      expect(prompts[0]!.system_prompt).toSatisfy((prompt: string) =>
        version < 8 ? prompt === '' : prompt.startsWith('You are Navi'),
      );
      expect(prompts[1]).toEqual({ id: 'f2', system_prompt: 'Be brief.' });
    },
  },
  {
    version: 5,
    write: (db) => {
      db.prepare(
        `INSERT INTO recalls (id, session_id, kind, trigger_at, message, status, created_by, next_run_at, created_at, updated_at)
         VALUES ('r1', 's1', 'once', 500, 'Check it', 'pending', 'user', 500, 1, 1)`,
      ).run();
      db.prepare(
        "INSERT INTO recall_runs (recall_id, session_id, due_at, started_at, outcome) VALUES ('r1', 's1', 400, 400, 'deferred')",
      ).run();
    },
    check: (db) => {
      expect(one(db, "SELECT status, next_run_at, message FROM recalls WHERE id = 'r1'")).toEqual({
        status: 'pending',
        next_run_at: 500,
        message: 'Check it',
      });
      // Later steps add runs of their own; this step's run stays the first.
      expect(one(db, "SELECT due_at, outcome FROM recall_runs WHERE recall_id = 'r1' ORDER BY id LIMIT 1")).toEqual({
        due_at: 400,
        outcome: 'deferred',
      });
    },
  },
  {
    version: 6,
    write: (db) => {
      db.prepare(
        `INSERT INTO mcp_servers (id, name, transport, url, header_names, created_at, updated_at)
         VALUES ('x1', 'Docs', 'http', 'http://docs/mcp', '[{"name":"Authorization","reference":null}]', 1, 1)`,
      ).run();
    },
    check: (db) => {
      expect(one(db, "SELECT name, url, header_names, enabled FROM mcp_servers WHERE id = 'x1'")).toEqual({
        name: 'Docs',
        url: 'http://docs/mcp',
        header_names: '[{"name":"Authorization","reference":null}]',
        enabled: 1,
      });
    },
  },
  {
    version: 7,
    write: (db) => {
      db.prepare(
        `INSERT INTO messages (id, session_id, position, role, parts, status, created_at)
         VALUES ('m4', 's1', 4, 'assistant', '[{"type":"text","text":"Porto ferry leaves at nine"}]', 'complete', 40)`,
      ).run();
    },
    check: (db) => {
      // Messages from before the index was built are found, and so are later ones.
      const found = (word: string) =>
        all<{ session_id: string }>(
          db,
          `SELECT m.session_id FROM message_search JOIN messages m ON m.rowid = message_search.rowid
           WHERE message_search MATCH ?`,
          word,
        );
      expect(found('ferry')).toHaveLength(2);
      expect(found('porto')).toEqual([{ session_id: 's1' }]);
    },
  },
  {
    version: 8,
    write: (db) => {
      // A branch: another reply to m3, chosen last.
      db.prepare(
        `INSERT INTO messages (id, session_id, parent_id, position, selected_rank, role, parts, status, created_at)
         VALUES ('m5', 's1', 'm3', 5, 5, 'assistant', '[{"type":"text","text":"Other"}]', 'complete', 50)`,
      ).run();
    },
    check: (db) => {
      // Round-1 conversations are one branch: each message follows the one before it.
      expect(
        all(db, "SELECT id, parent_id, selected_rank FROM messages WHERE session_id = 's1' ORDER BY position"),
      ).toEqual([
        { id: 'm1', parent_id: null, selected_rank: 1 },
        { id: 'm2', parent_id: 'm1', selected_rank: 2 },
        { id: 'm3', parent_id: 'm2', selected_rank: 3 },
        { id: 'm4', parent_id: 'm3', selected_rank: 4 },
        { id: 'm5', parent_id: 'm3', selected_rank: 5 },
      ]);
      expect(one(db, "SELECT active_leaf_id, pinned, unread, profile_id, model FROM sessions WHERE id = 's1'")).toEqual(
        {
          active_leaf_id: 'm4',
          pinned: 0,
          unread: 0,
          profile_id: null,
          model: null,
        },
      );
      // Deleting a message takes what follows it on every branch with it, search index included.
      db.prepare("DELETE FROM messages WHERE id = 'm3'").run();
      expect(all(db, "SELECT id FROM messages WHERE session_id = 's1' ORDER BY position")).toEqual([
        { id: 'm1' },
        { id: 'm2' },
      ]);
      expect(one(db, "SELECT count(*) AS n FROM message_search WHERE message_search MATCH 'porto'")).toEqual({ n: 0 });
    },
  },
  {
    version: 9,
    write: (db) => {
      const id = 'a'.repeat(64);
      db.prepare(
        `INSERT INTO attachments (id, kind, media_type, size, created_at) VALUES (?, 'image', 'image/png', 10, 60)`,
      ).run(id);
      const parts = JSON.stringify([
        { type: 'text', text: 'Look' },
        { type: 'attachment', id, name: 'a.png', kind: 'image', mediaType: 'image/png', size: 10 },
      ]);
      db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s9', 'Files', 60, 60)").run();
      db.prepare(
        `INSERT INTO messages (id, session_id, parent_id, position, role, parts, status, created_at)
         VALUES ('m6', 's9', NULL, 1, 'user', ?, 'complete', 60)`,
      ).run(parts);
    },
    check: (db) => {
      const id = 'a'.repeat(64);
      // Messages written before version 9 refer to no file; the one with an attachment part does.
      expect(all(db, 'SELECT message_id, attachment_id FROM message_attachments')).toEqual([
        { message_id: 'm6', attachment_id: id },
      ]);
      // A file a message refers to cannot be deleted; deleting the message lets it go.
      expect(() => db.prepare('DELETE FROM attachments WHERE id = ?').run(id)).toThrow(/FOREIGN KEY/);
      db.prepare("DELETE FROM sessions WHERE id = 's9'").run();
      expect(all(db, 'SELECT * FROM message_attachments')).toEqual([]);
      expect(db.prepare('DELETE FROM attachments WHERE id = ?').run(id).changes).toBe(1);
    },
  },
  {
    version: 10,
    write: (db) => {
      db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s10', 'Crash', 60, 60)").run();
      const insert = db.prepare(
        `INSERT INTO messages (id, session_id, parent_id, position, selected_rank, role, parts, status, created_at)
         VALUES (?, 's10', ?, ?, ?, ?, ?, ?, 60)`,
      );
      insert.run('n1', null, 1, 1, 'user', '[{"type":"text","text":"Plan a trip"}]', 'complete');
      insert.run('n2', 'n1', 2, 2, 'assistant', '[{"type":"text","text":"Half a lisbon"}]', 'interrupted');
      insert.run('n3', 'n2', 3, 3, 'system', '[{"type":"text","text":"A recall note"}]', 'complete');
      expect(() => insert.run('bad', 'n3', 4, 4, 'robot', '[]', 'complete')).toThrow(/CHECK constraint/);
      // A checkpoint rewrites a reply in place; search follows.
      db.prepare(`UPDATE messages SET parts = '[{"type":"text","text":"Half a madrid"}]' WHERE id = 'n2'`).run();
    },
    check: (db, version) => {
      expect(
        all(db, "SELECT id, parent_id, role, status FROM messages WHERE session_id = 's10' ORDER BY position"),
      ).toEqual([
        { id: 'n1', parent_id: null, role: 'user', status: 'complete' },
        { id: 'n2', parent_id: 'n1', role: 'assistant', status: 'interrupted' },
        { id: 'n3', parent_id: 'n2', role: 'system', status: 'complete' },
      ]);
      // From version 19 an interrupted reply's text is indexed in pieces of its own.
      const indexes = version >= 19 ? ['message_search', 'reply_piece_search'] : ['message_search'];
      const found = (word: string) =>
        indexes
          .map(
            (index) => all<{ n: number }>(db, `SELECT count(*) AS n FROM ${index} WHERE ${index} MATCH ?`, word)[0]!.n,
          )
          .reduce((sum, n) => sum + n);
      expect([found('lisbon'), found('madrid')]).toEqual([0, 1]);
      expect(one(db, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'messages_children'")).toEqual({ n: 1 });
      // The rebuilt table still takes what follows a deleted message with it.
      db.prepare("DELETE FROM messages WHERE id = 'n1'").run();
      expect(one(db, "SELECT count(*) AS n FROM messages WHERE session_id = 's10'")).toEqual({ n: 0 });
    },
  },
  {
    version: 11,
    write: (db) => {
      db.prepare("UPDATE recalls SET prompt_id = 'm3', reply_id = 'm4' WHERE id = 'r1'").run();
      const run = db.prepare(
        "INSERT INTO recall_runs (recall_id, session_id, due_at, started_at, outcome) VALUES ('r1', 's1', 600, 600, ?)",
      );
      run.run('stopped');
      run.run('interrupted');
      expect(() => run.run('exploded')).toThrow(/CHECK constraint/);
    },
    check: (db) => {
      expect(one(db, "SELECT prompt_id, reply_id FROM recalls WHERE id = 'r1'")).toEqual({
        prompt_id: 'm3',
        reply_id: 'm4',
      });
      expect(
        all<{ outcome: string }>(db, "SELECT outcome FROM recall_runs WHERE recall_id = 'r1' ORDER BY id").map(
          (row) => row.outcome,
        ),
      ).toEqual(['deferred', 'stopped', 'interrupted']);
    },
  },
  {
    version: 12,
    write: (db) => {
      db.prepare(
        "INSERT INTO tool_policies (kind, server_id, tool_name, policy, updated_at) VALUES ('server', 'x1', NULL, 'allow', 9)",
      ).run();
      db.prepare(
        "INSERT INTO tool_policies (kind, server_id, tool_name, policy, updated_at) VALUES ('builtin', NULL, 'current_time', 'never', 9)",
      ).run();
      db.prepare(
        `INSERT INTO tool_runs (session_id, run_id, tool_call_id, tool_name, tool_label, server_name, input, origin,
           decision, decided_by, reason, requested_at, decided_at)
         VALUES ('s1', 'run1', 'c1', 'mcp__docs__search', 'search', 'Docs', '{"q":"ferry"}', 'user', 'allowed', 'rule',
           'Allowed by your setting for the server Docs', 90, 90)`,
      ).run();
    },
    check: (db) => {
      // Recalls made before tool approval wait for the person's OK when a tool asks.
      expect(one(db, "SELECT unattended_policy FROM recalls WHERE id = 'r1'")).toEqual({ unattended_policy: 'wait' });
      expect(one(db, "SELECT decision, input FROM tool_runs WHERE tool_call_id = 'c1'")).toEqual({
        decision: 'allowed',
        input: '{"q":"ferry"}',
      });
      // A removed server takes its rules with it; a conversation its tool-run log.
      db.prepare("DELETE FROM mcp_servers WHERE id = 'x1'").run();
      expect(all(db, 'SELECT kind, tool_name FROM tool_policies')).toEqual([
        { kind: 'builtin', tool_name: 'current_time' },
      ]);
      db.prepare("DELETE FROM sessions WHERE id = 's1'").run();
      expect(one(db, 'SELECT count(*) AS n FROM tool_runs')).toEqual({ n: 0 });
    },
  },
  {
    version: 13,
    write: (db) => {
      db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s13', 'Edits', 70, 70)").run();
      db.prepare(
        `INSERT INTO messages (id, session_id, parent_id, position, role, parts, status, created_at)
         VALUES ('m13', 's13', NULL, 1, 'user', '[{"type":"text","text":"Draft about herons"}]', 'complete', 70)`,
      ).run();
      // A change of parts (a stopped reply's text being completed) moves the index with it.
      db.prepare(
        `UPDATE messages SET parts = '[{"type":"tool-call","toolCallId":"t","toolName":"x","input":{}},{"type":"text","text":"About egrets"},{"type":"text","text":"and storks"}]' WHERE id = 'm13'`,
      ).run();
    },
    check: (db) => {
      // The index keeps no copy of the text: it reads it from the messages (external content).
      expect(all(db, "SELECT name FROM sqlite_schema WHERE name = 'message_search_content'")).toEqual([]);
      const matches = (query: string) =>
        all<{ rowid: number; snippet: string }>(
          db,
          `SELECT rowid, snippet(message_search, 0, '[', ']', '…', 8) AS snippet FROM message_search
           WHERE message_search MATCH ? ORDER BY rowid`,
          query,
        );
      expect(matches('herons')).toEqual([]);
      expect(matches('storks').map((match) => match.snippet)).toEqual(['About egrets and [storks]']);
      // Messages written at every earlier version are still found (the step 7 check finds them too).
      expect(matches('ferry')).toHaveLength(2);
      db.exec("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
      db.prepare("DELETE FROM sessions WHERE id = 's13'").run();
      expect(matches('storks')).toEqual([]);
      db.exec("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
    },
  },
  {
    version: 14,
    write: (db) => {
      db.prepare(
        `INSERT INTO recalls (id, session_id, kind, interval_seconds, trigger_at, message, status, created_by,
           next_run_at, created_at, updated_at, ends_at, max_runs, notify, cancel_on_reply)
         VALUES ('r14', 's1', 'interval', 3600, 1000, 'Ten times', 'pending', 'user', 1000, 1, 1, 99000, 10, 'never', 1)`,
      ).run();
      expect(() => db.prepare("UPDATE recalls SET notify = 'sometimes' WHERE id = 'r14'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE recalls SET max_runs = 0 WHERE id = 'r14'").run()).toThrow(/CHECK/);
    },
    check: (db) => {
      // A recall from before: no end, notifies always, not cancelled by a reply, and its runs so far
      // counted from its history (one stopped run; deferred and interrupted ones are not runs).
      expect(
        one(db, "SELECT ends_at, max_runs, run_count, notify, cancel_on_reply FROM recalls WHERE id = 'r1'"),
      ).toEqual({ ends_at: null, max_runs: null, run_count: 1, notify: 'always', cancel_on_reply: 0 });
      expect(one(db, "SELECT ends_at, max_runs, notify, cancel_on_reply FROM recalls WHERE id = 'r14'")).toEqual({
        ends_at: 99000,
        max_runs: 10,
        notify: 'never',
        cancel_on_reply: 1,
      });
    },
  },
  {
    version: 15,
    write: (db) => {
      db.prepare(
        `INSERT INTO sessions (id, title, created_at, updated_at, pinned, archived, unread) VALUES
           ('p15', 'Pinned', 80, 80, 1, 0, 0), ('a15', 'Archived', 81, 81, 0, 1, 1), ('r15', 'Recent', 82, 82, 0, 0, 1)`,
      ).run();
    },
    check: (db) => {
      const view = (archived: number, pinned: number) =>
        all<{ id: string }>(
          db,
          "SELECT id FROM sessions WHERE archived = ? AND pinned = ? AND id LIKE '%15' ORDER BY updated_at DESC, id DESC",
          archived,
          pinned,
        ).map((row) => row.id);
      expect([view(0, 1), view(0, 0), view(1, 0)]).toEqual([['p15'], ['r15'], ['a15']]);
      expect(all(db, "SELECT id, unread FROM sessions WHERE id LIKE '%15' ORDER BY id")).toEqual([
        { id: 'a15', unread: 1 },
        { id: 'p15', unread: 0 },
        { id: 'r15', unread: 1 },
      ]);
      // Each view's page is read along the index, with no sort step.
      const plan = all<{ detail: string }>(
        db,
        `EXPLAIN QUERY PLAN SELECT * FROM sessions WHERE archived = 0 AND pinned = 1
         AND (updated_at < 100 OR (updated_at = 100 AND id < 'z')) ORDER BY updated_at DESC, id DESC LIMIT 200`,
      ).map((row) => row.detail);
      expect(plan.some((detail) => detail.includes('sessions_by_view'))).toBe(true);
      expect(plan.some((detail) => detail.includes('TEMP B-TREE'))).toBe(false);
    },
  },
  {
    version: 16,
    write: (db) => {
      db.prepare(
        `INSERT INTO sessions (id, title, created_at, updated_at, profile_id, provider_id, model, instructions)
         VALUES ('s16', 'Own choices', 80, 80, 'f2', 'p1', 'llama-large', 'Answer in French.'),
                ('s16env', 'Environment', 81, 81, 'env-default', 'env-openai', 'gpt-4.1', NULL)`,
      ).run();
    },
    check: (db) => {
      const choices = () =>
        all(
          db,
          "SELECT id, profile_id, provider_id, model, instructions FROM sessions WHERE id LIKE 's16%' ORDER BY id",
        );
      expect(choices()).toEqual([
        { id: 's16', profile_id: 'f2', provider_id: 'p1', model: 'llama-large', instructions: 'Answer in French.' },
        { id: 's16env', profile_id: 'env-default', provider_id: 'env-openai', model: 'gpt-4.1', instructions: null },
      ]);
      db.prepare("DELETE FROM profiles WHERE id = 'f2'").run();
      db.prepare("DELETE FROM providers WHERE id = 'p1'").run();
      // The conversation goes back to the default profile and its profile's model; its instructions stay.
      expect(choices()).toEqual([
        { id: 's16', profile_id: null, provider_id: null, model: null, instructions: 'Answer in French.' },
        { id: 's16env', profile_id: 'env-default', provider_id: 'env-openai', model: 'gpt-4.1', instructions: null },
      ]);
    },
  },
  {
    version: 17,
    write: (db) => {
      db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s17', 'Tokens', 90, 90)").run();
      db.prepare(
        `INSERT INTO messages (id, session_id, parent_id, position, role, parts, status, created_at, usage)
         VALUES ('m17a', 's17', NULL, 1, 'assistant', '[{"type":"text","text":"One"}]', 'complete', 90,
                 '{"inputTokens":12,"outputTokens":30}'),
                ('m17b', 's17', 'm17a', 2, 'user', '[{"type":"text","text":"Two"}]', 'complete', 91, NULL),
                ('m17c', 's17', 'm17b', 3, 'assistant', '[{"type":"text","text":"Three"}]', 'complete', 92,
                 '{"inputTokens":40,"outputTokens":8}')`,
      ).run();
    },
    check: (db) => {
      const total = `SELECT COALESCE(SUM(json_extract(usage, '$.inputTokens')), 0) AS inputTokens,
                            COALESCE(SUM(json_extract(usage, '$.outputTokens')), 0) AS outputTokens
                     FROM messages WHERE session_id = ? AND usage IS NOT NULL`;
      expect(one(db, total, 's17')).toEqual({ inputTokens: 52, outputTokens: 38 });
      // The total reads the index alone, never the messages' rows.
      const plan = all<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${total}`, 's17').map((row) => row.detail);
      expect(plan).toEqual([expect.stringContaining('USING COVERING INDEX messages_usage_by_session')]);
      // A usage written later is in the total at once.
      db.prepare(`UPDATE messages SET usage = '{"inputTokens":1,"outputTokens":2}' WHERE id = 'm17b'`).run();
      expect(one(db, total, 's17')).toEqual({ inputTokens: 53, outputTokens: 40 });
    },
  },
  {
    version: 18,
    write: (db) => {
      db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s18', 'Path', 95, 95)").run();
      db.prepare(
        `INSERT INTO messages (id, session_id, parent_id, position, role, parts, status, created_at)
         VALUES ('m18a', 's18', NULL, 1, 'user', '[{"type":"text","text":"One"}]', 'complete', 95),
                ('m18b', 's18', 'm18a', 2, 'assistant', '[{"type":"text","text":"Two"}]', 'complete', 96),
                ('m18c', 's18', 'm18b', 3, 'user', '[{"type":"text","text":"Three"}]', 'complete', 97)`,
      ).run();
    },
    check: (db) => {
      // A message's parent is read from the index alone, for messages written before and after it.
      const parent = "SELECT parent_id FROM messages INDEXED BY messages_path WHERE session_id = 's18' AND id = ?";
      const plan = all<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${parent}`, 'm18c').map((row) => row.detail);
      expect(plan).toEqual([expect.stringContaining('USING COVERING INDEX messages_path')]);
      expect(one(db, parent, 'm18c')).toEqual({ parent_id: 'm18b' });
      expect(
        one(db, "SELECT parent_id FROM messages INDEXED BY messages_path WHERE session_id = 's17' AND id = 'm17c'"),
      ).toEqual({
        parent_id: 'm17b',
      });
    },
  },
  {
    version: 19,
    write: (db) => {
      db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s19', 'Pieces', 98, 98)").run();
      const insert = db.prepare(
        `INSERT INTO messages (id, session_id, parent_id, position, role, parts, status, created_at)
         VALUES (?, 's19', ?, ?, ?, ?, ?, 98)`,
      );
      insert.run('p1', null, 1, 'user', '[{"type":"text","text":"Walk to the lighthouse?"}]', 'complete');
      insert.run('p2', 'p1', 2, 'assistant', '[{"type":"text","text":"The path along the cliffs"}]', 'interrupted');
    },
    check: (db) => {
      const found = (index: string, word: string) =>
        all<{ rowid: number }>(db, `SELECT rowid FROM ${index} WHERE ${index} MATCH ? ORDER BY rowid`, word).length;
      // Interrupted replies, written before this version (step 10's) and after, are found in their
      // pieces, complete messages in the message index; both indexes agree with what they index.
      expect(all(db, 'SELECT text FROM reply_pieces ORDER BY id')).toEqual([
        { text: 'Half a madrid' },
        { text: 'The path along the cliffs' },
      ]);
      expect([found('reply_piece_search', 'cliffs'), found('message_search', 'cliffs')]).toEqual([1, 0]);
      expect([found('reply_piece_search', 'lighthouse'), found('message_search', 'lighthouse')]).toEqual([0, 1]);
      db.exec("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
      db.exec("INSERT INTO reply_piece_search (reply_piece_search, rank) VALUES ('integrity-check', 1)");
      // A reply that ends is indexed whole, once; deleting a message takes its pieces along.
      db.prepare(`UPDATE messages SET status = 'complete' WHERE id = 'p2'`).run();
      expect([found('reply_piece_search', 'cliffs'), found('message_search', 'cliffs')]).toEqual([0, 1]);
      db.prepare("DELETE FROM messages WHERE id = 'n2'").run();
      expect(all(db, 'SELECT text FROM reply_pieces')).toEqual([]);
      db.exec("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
      db.exec("INSERT INTO reply_piece_search (reply_piece_search, rank) VALUES ('integrity-check', 1)");
    },
  },
];

describe('migrations keep and shape the data', () => {
  it('has a data step for every migration', () => {
    expect(dataSteps.map((step) => step.version)).toEqual(migrations.map((migration) => migration.version));
  });

  it('walks every version: the data written so far is intact and as expected after each migration', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    for (const step of dataSteps) {
      migrate(db, migrations.slice(0, step.version));
      // Checks that change data (deletions) run on a copy, so later steps still see it.
      const checkOnCopy = (check: DataStep) => {
        const copy = new BetterSqlite3(db.serialize());
        copy.pragma('foreign_keys = ON');
        check.check(copy, step.version);
        copy.close();
      };
      for (const earlier of dataSteps.filter((candidate) => candidate.version < step.version)) checkOnCopy(earlier);
      step.write(db);
      checkOnCopy(step);
    }
    db.close();
  });
});

describe('migration 16 on what versions 8 to 15 could hold', () => {
  it('gives profiles saved without instructions (by the guided setup) the default ones, and lets go of missing profiles and providers', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, migrations.slice(0, 15));
    db.exec(`
      INSERT INTO providers (id, kind, name, base_url, created_at, updated_at)
        VALUES ('p1', 'openai-compatible', 'Local', 'http://x/v1', 1, 1);
      INSERT INTO profiles (id, name, system_prompt, provider_id, model, created_at, updated_at)
        VALUES ('set-up', 'Default', '', 'p1', 'llama', 1, 1), ('own', 'Terse', 'Be brief.', 'p1', 'llama', 2, 2);
      INSERT INTO sessions (id, title, created_at, updated_at, profile_id, provider_id, model)
        VALUES ('kept', 'Kept', 1, 1, 'own', 'p1', 'llama'), ('gone', 'Gone', 2, 2, 'deleted', 'deleted', 'x'),
               ('env', 'Env', 3, 3, 'env-default', 'env-openai', 'gpt-4.1');
    `);
    migrate(db, migrations.slice(0, 16));
    expect(all(db, 'SELECT id, system_prompt FROM profiles ORDER BY created_at')).toEqual([
      { id: 'set-up', system_prompt: expect.stringMatching(/^You are Navi, a helpful assistant in a desktop app\./) },
      { id: 'own', system_prompt: 'Be brief.' },
    ]);
    expect(all(db, 'SELECT id, profile_id, provider_id, model FROM sessions ORDER BY created_at')).toEqual([
      { id: 'kept', profile_id: 'own', provider_id: 'p1', model: 'llama' },
      { id: 'gone', profile_id: null, provider_id: null, model: null },
      { id: 'env', profile_id: 'env-default', provider_id: 'env-openai', model: 'gpt-4.1' },
    ]);
    db.close();
  });
});

describe('a real round-1 database (schema 7, tests/fixtures/db/round1.db)', () => {
  const copyRound1 = (): string => {
    const file = join(tempDir(), 'navi.db');
    copyFileSync(join(projectRoot, 'tests/fixtures/db/round1.db'), file);
    return file;
  };

  it('migrates: every conversation becomes one branch ending at its last message, nothing else changes', () => {
    const file = copyRound1();
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(7);
    const before = {
      sessions: all<{ id: string; title: string; archived: number; updated_at: number }>(
        raw,
        'SELECT id, title, archived, updated_at FROM sessions ORDER BY title',
      ),
      messages: all<{ id: string; session_id: string; position: number; parts: string; status: string }>(
        raw,
        'SELECT id, session_id, position, role, parts, status, origin, created_at FROM messages ORDER BY session_id, position',
      ),
      recalls: all<Record<string, unknown>>(raw, 'SELECT * FROM recalls'),
      runs: all(raw, 'SELECT * FROM recall_runs'),
      servers: all(raw, 'SELECT * FROM mcp_servers'),
      providers: all(raw, 'SELECT * FROM providers'),
      settings: all(raw, 'SELECT * FROM agent_settings'),
    };
    expect(before.sessions.map((session) => session.title)).toEqual([
      'Deploy watch',
      'Flaky server',
      'Old notes',
      'Trip to Porto',
    ]);
    expect(before.messages).toHaveLength(13);
    raw.close();

    for (const migration of migrations.slice(7)) {
      const db = new BetterSqlite3(file);
      db.pragma('foreign_keys = ON');
      migrate(db, migrations.slice(0, migration.version));
      expect(db.pragma('user_version', { simple: true })).toBe(migration.version);
      expect(all(db, 'SELECT id, title, archived, updated_at FROM sessions ORDER BY title')).toEqual(before.sessions);
      expect(
        all(
          db,
          'SELECT id, session_id, position, role, parts, status, origin, created_at FROM messages ORDER BY session_id, position',
        ),
      ).toEqual(before.messages);
      // Later migrations add recall columns (empty for old recalls); the old ones are unchanged.
      expect(all<Record<string, unknown>>(db, 'SELECT * FROM recalls').map((row) => pick(row, before.recalls))).toEqual(
        before.recalls,
      );
      expect(all(db, 'SELECT * FROM recall_runs')).toEqual(before.runs);
      expect(all(db, 'SELECT * FROM mcp_servers')).toEqual(before.servers);
      expect(all(db, 'SELECT * FROM providers')).toEqual(before.providers);
      expect(all(db, 'SELECT * FROM agent_settings')).toEqual(before.settings);
      if (migration.version === 8) {
        for (const session of before.sessions) {
          const messages = before.messages.filter((message) => message.session_id === session.id);
          const rows = all<{ id: string; parent_id: string | null }>(
            db,
            'SELECT id, parent_id FROM messages WHERE session_id = ? ORDER BY position',
            session.id,
          );
          expect(rows).toEqual(
            messages.map((message, index) => ({ id: message.id, parent_id: messages[index - 1]?.id ?? null })),
          );
          expect(one(db, 'SELECT active_leaf_id FROM sessions WHERE id = ?', session.id)).toEqual({
            active_leaf_id: messages.at(-1)?.id ?? null,
          });
        }
        // The guided setup's profile had no instructions; it now has the default ones.
        expect(one(db, 'SELECT name, system_prompt FROM profiles')).toEqual({
          name: 'Default',
          system_prompt: expect.stringMatching(/^You are Navi, a helpful assistant/),
        });
      }
      db.close();
    }
  });

  it('opens in the app and continues each conversation from its last message', () => {
    const database = openDatabase(copyRound1());
    try {
      const store = new SessionStore(database.db);
      const porto = store.listSessions().find((session) => session.title === 'Trip to Porto')!;
      expect(store.activePath(porto.id).map(messageText)).toEqual([
        'Is Porto nice in June?',
        'Porto is lovely in June.',
        'What time is it?',
        'Let me check. It is morning.',
      ]);
      const last = store.activePath(porto.id).at(-1)!;
      const next = store.appendMessage({
        sessionId: porto.id,
        role: 'user',
        parts: [{ type: 'text', text: 'Thanks' }],
        status: 'complete',
        origin: 'user',
      });
      expect(next.parentId).toBe(last.id);
      expect(store.pageMessages(porto.id, { limit: 2 }).messages.map(messageText)).toEqual([
        'Let me check. It is morning.',
        'Thanks',
      ]);
      const archived = store.listSessions(true).find((session) => session.title === 'Old notes')!;
      expect(store.activePath(archived.id)).toEqual([]);
    } finally {
      database.close();
    }
  });

  it('finds the old messages with the search of today (external-content index rebuilt from them)', async () => {
    const database = openDatabase(copyRound1());
    const search = new MessageSearch({ file: database.file, logger: quietLogger });
    try {
      const store = new SessionStore(database.db);
      const porto = store.listSessions().find((session) => session.title === 'Trip to Porto')!;
      const found = await search.search('lovely june');
      expect(found.messages.map((match) => [match.sessionId, match.snippet])).toEqual([
        [porto.id, 'Porto is lovely in June.'],
      ]);
      expect(store.activePath(porto.id).find((message) => message.id === found.messages[0]!.messageId)).toBeDefined();
      // Archived conversations are found too: search is for finding.
      const archived = store.listSessions(true).find((session) => session.title === 'Old notes')!;
      expect((await search.search('old notes')).titles).toEqual([archived.id]);
    } finally {
      await search.close();
      database.close();
    }
  });
});
