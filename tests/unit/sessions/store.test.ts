import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/db/database';
import { migrate } from '../../../src/core/db/migrate';
import { migrations } from '../../../src/core/db/migrations';
import { DEFAULT_SESSION_TITLE, SessionStore } from '../../../src/core/store/sessionStore';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

function openStore(file: string) {
  const database = openDatabase(file);
  return { database, store: new SessionStore(database.db) };
}

describe('session store', () => {
  it('creates, lists (newest first), renames, archives and deletes sessions', () => {
    const database = openDatabase(join(tempDir(), 'navi.db'));
    // A clock the test moves: with the real one, b's creation and a's message can share a
    // millisecond, and the tie is broken by random ids.
    let time = 1_000;
    const store = new SessionStore(database.db, () => time);
    const a = store.createSession();
    time += 1;
    const b = store.createSession('Deploy check');
    expect(a.title).toBe(DEFAULT_SESSION_TITLE);
    expect(store.listSessions().map((s) => s.id)[0]).toBe(b.id);
    time += 1;
    store.appendMessage({
      sessionId: a.id,
      role: 'user',
      parts: [{ type: 'text', text: 'hi' }],
      status: 'complete',
      origin: 'user',
    });
    expect(store.listSessions().map((s) => s.id)[0]).toBe(a.id);
    expect(store.renameSession(b.id, 'Renamed').title).toBe('Renamed');
    store.setArchived(b.id, true);
    expect(store.listSessions().map((s) => s.id)).toEqual([a.id]);
    expect(store.listSessions(true)).toHaveLength(2);
    expect(store.deleteSession(a.id)).toBe(true);
    expect(store.deleteSession(a.id)).toBe(false);
    expect(() => store.renameSession(a.id, 'x')).toThrow(/does not exist/);
    database.close();
  });

  it('lists in pages after a cursor: newest activity first, ties by id, none twice or left out', () => {
    const database = openDatabase(join(tempDir(), 'navi.db'));
    let time = 1_000;
    const store = new SessionStore(database.db, () => time);
    // Three conversations at each moment: pages must cut through ties without losing or repeating one.
    const made = [];
    for (let i = 0; i < 12; i++) {
      if (i % 3 === 0) time += 1;
      made.push(store.createSession(`Chat ${i}`));
    }
    time += 1;
    store.setArchived(made[4]!.id, true); // the newest activity now, and archived
    const expected = store.listSessions();
    expect(expected).toHaveLength(11);
    expect(expected.map((session) => [session.updatedAt, session.id])).toEqual(
      [...expected]
        .sort((x, y) => y.updatedAt - x.updatedAt || (y.id < x.id ? -1 : 1))
        .map((session) => [session.updatedAt, session.id]),
    );
    const paged = (includeArchived: boolean) => {
      const pages = [];
      let page = store.listSessions(includeArchived, { limit: 4 });
      while (page.length > 0) {
        pages.push(page.map((session) => session.id));
        const last = page.at(-1)!;
        page = store.listSessions(includeArchived, { after: { updatedAt: last.updatedAt, id: last.id }, limit: 4 });
      }
      return pages;
    };
    expect(paged(false).map((page) => page.length)).toEqual([4, 4, 3]);
    expect(paged(false).flat()).toEqual(expected.map((session) => session.id));
    expect(paged(true).flat()).toEqual(store.listSessions(true).map((session) => session.id));
    expect(paged(true).flat()[0]).toBe(made[4]!.id);
    database.close();
  });

  it('deleting a session deletes its messages', () => {
    const { database, store } = openStore(join(tempDir(), 'navi.db'));
    const session = store.createSession();
    for (let i = 0; i < 3; i++) {
      store.appendMessage({
        sessionId: session.id,
        role: 'user',
        parts: [{ type: 'text', text: `m${i}` }],
        status: 'complete',
        origin: 'user',
      });
    }
    store.deleteSession(session.id);
    expect(database.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    database.close();
  });

  it('pages long sessions backwards along the active branch', () => {
    const { database, store } = openStore(join(tempDir(), 'navi.db'));
    const session = store.createSession();
    for (let i = 1; i <= 25; i++) {
      store.appendMessage({
        sessionId: session.id,
        role: 'user',
        parts: [{ type: 'text', text: `m${i}` }],
        status: 'complete',
        origin: 'user',
      });
    }
    const latest = store.pageMessages(session.id, { limit: 10 });
    expect(latest.messages.map((m) => m.position)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(latest.hasMore).toBe(true);
    const older = store.pageMessages(session.id, { before: latest.messages[0]!.id, limit: 10 });
    expect(older.messages.map((m) => m.position)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const oldest = store.pageMessages(session.id, { before: older.messages[0]!.id, limit: 10 });
    expect(oldest.messages.map((m) => m.position)).toEqual([1, 2, 3, 4, 5]);
    expect(oldest.hasMore).toBe(false);
    database.close();
  });

  it('keeps complete and partial messages with all their parts across closing and reopening', () => {
    const file = join(tempDir(), 'navi.db');
    const first = openStore(file);
    const session = first.store.createSession();
    first.store.appendMessage({
      sessionId: session.id,
      role: 'assistant',
      parts: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', toolCallId: 't1', toolName: 'current_time', input: {} },
        { type: 'tool-result', toolCallId: 't1', toolName: 'current_time', output: { iso: 'x' }, isError: false },
      ],
      status: 'complete',
      origin: 'recall',
    });
    first.store.appendMessage({
      sessionId: session.id,
      role: 'assistant',
      parts: [{ type: 'text', text: 'Half a sent' }],
      status: 'partial',
      origin: 'user',
    });
    first.database.close();

    const second = openStore(file);
    const messages = second.store.allMessages(session.id);
    expect(messages.map((m) => [m.status, m.origin, m.parts.length])).toEqual([
      ['complete', 'recall', 3],
      ['partial', 'user', 1],
    ]);
    expect(messages[0]!.parts[2]).toEqual({
      type: 'tool-result',
      toolCallId: 't1',
      toolName: 'current_time',
      output: { iso: 'x' },
      isError: false,
    });
    second.database.close();
  });

  it('migration 2 (sessions) and 3 (messages) apply on top of their predecessors and enforce their constraints', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 1));
    migrate(db, migrations.slice(0, 2));
    expect(() =>
      db.prepare("INSERT INTO sessions (id, title, created_at, updated_at, archived) VALUES ('s', 't', 1, 1, 2)").run(),
    ).toThrow(/CHECK/);
    migrate(db, migrations.slice(0, 3));
    db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s', 't', 1, 1)").run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO messages (id, session_id, position, role, parts, status, created_at) VALUES ('m', 'nope', 1, 'user', '[]', 'complete', 1)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO messages (id, session_id, position, role, parts, status, created_at) VALUES ('m', 's', 1, 'user', 'not json', 'complete', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('migration 7 (message search) indexes messages written before it', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, migrations.slice(0, 6));
    db.prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s', 't', 1, 1)").run();
    db.prepare(
      `INSERT INTO messages (id, session_id, position, role, parts, status, created_at) VALUES ('m', 's', 1, 'user', '[{"type":"text","text":"hello old world"}]', 'complete', 1)`,
    ).run();
    migrate(db, migrations.slice(0, 7));
    expect(db.prepare("SELECT rowid FROM message_search WHERE message_search MATCH 'old'").pluck().all()).toEqual([
      db.prepare("SELECT rowid FROM messages WHERE id = 'm'").pluck().get(),
    ]);
    db.close();
  });

  it("sums a conversation's token usage from an index alone, never reading the messages' rows", () => {
    const { database, store } = openStore(join(tempDir(), 'navi.db'));
    const session = store.createSession('Usage');
    const other = store.createSession('Other');
    const reply = (sessionId: string, usage?: { inputTokens: number; outputTokens: number }) =>
      store.appendMessage({
        sessionId,
        role: 'assistant',
        parts: [{ type: 'text', text: 'A long answer. '.repeat(500) }],
        status: 'complete',
        origin: 'user',
        ...(usage ? { usage } : {}),
      });
    reply(session.id, { inputTokens: 10, outputTokens: 20 });
    reply(session.id);
    reply(session.id, { inputTokens: 5, outputTokens: 7 });
    reply(other.id, { inputTokens: 1000, outputTokens: 1000 });
    expect(store.usageTotal(session.id)).toEqual({ inputTokens: 15, outputTokens: 27 });
    expect(store.usageTotal(store.createSession('Empty').id)).toEqual({ inputTokens: 0, outputTokens: 0 });
    // What SQLite plans for the very statement the store runs: the index covers it.
    const statement = (store as unknown as { statements: { usageTotal: { source: string } } }).statements.usageTotal;
    const plan = database.db
      .prepare(`EXPLAIN QUERY PLAN ${statement.source}`)
      .all(session.id)
      .map((row) => (row as { detail: string }).detail);
    expect(plan).toEqual([expect.stringMatching(/^SEARCH messages USING COVERING INDEX messages_usage_by_session/)]);
    database.close();
  });

  it('opens a page by walking the branch on an index: each shown row read once, by rowid, and forks counted from an index', () => {
    const { database, store } = openStore(join(tempDir(), 'navi.db'));
    const session = store.createSession('Branches');
    const say = (text: string, parentId?: string | null) =>
      store.appendMessage({
        sessionId: session.id,
        role: 'user',
        parts: [{ type: 'text', text }],
        status: 'complete',
        origin: 'user',
        ...(parentId !== undefined ? { parentId } : {}),
      });
    const one = say('one');
    const two = say('two');
    const older = say('three, first version');
    say('four, after the first version');
    const three = say('three, again', two.id);
    const four = say('four');
    const five = say('five');
    const texts = (messages: readonly { parts: readonly unknown[] }[]) =>
      messages.map((message) => (message.parts[0] as { text: string }).text);
    // The page, the page before it, and the forks along them are what they were.
    const last = store.pageMessages(session.id, { limit: 3 });
    expect(texts(last.messages)).toEqual(['three, again', 'four', 'five']);
    expect(last.hasMore).toBe(true);
    const before = store.pageMessages(session.id, { before: three.id, limit: 3 });
    expect(texts(before.messages)).toEqual(['one', 'two']);
    expect(before.hasMore).toBe(false);
    expect(store.pageMessages(session.id, { before: 'no-such-message' })).toEqual({ messages: [], hasMore: false });
    expect(store.pageMessages(session.id, { before: one.id })).toEqual({ messages: [], hasMore: false });
    expect(store.forksOf(session.id, [null, one.id, two.id, three.id, four.id])).toEqual({
      [two.id]: [older.id, three.id],
    });
    // Deleting a message off the active branch leaves the branch; on it, the branch ends at its parent.
    store.deleteMessage(session.id, older.id);
    expect(store.activeLeafId(session.id)).toBe(five.id);
    store.deleteMessage(session.id, five.id);
    expect(store.activeLeafId(session.id)).toBe(four.id);

    // What SQLite plans for the very statements the store runs.
    const statements = (store as unknown as { statements: Record<string, { source: string }> }).statements;
    const plan = (name: string, ...args: unknown[]) =>
      database.db
        .prepare(`EXPLAIN QUERY PLAN ${statements[name]!.source}`)
        .all(...args)
        .map((row) => (row as { detail: string }).detail.trim());
    const walk = { sessionId: session.id, start: four.id, id: one.id, limit: 3 };
    // The walk reads the index alone (never a primary-key lookup by id, never a scan); the page's rows
    // are read once each, by rowid.
    const page = plan('pathUp', walk);
    expect(page.filter((detail) => detail.startsWith('SEARCH') || detail.startsWith('SCAN messages'))).toEqual([
      'SEARCH messages USING COVERING INDEX messages_path (session_id=? AND id=?)',
      'SEARCH m USING COVERING INDEX messages_path (session_id=? AND id=?)',
      'SEARCH m USING INTEGER PRIMARY KEY (rowid=?)',
    ]);
    expect(plan('onPathUp', walk).filter((detail) => detail.startsWith('SEARCH'))).toEqual([
      'SEARCH messages USING COVERING INDEX messages_path (session_id=? AND id=?)',
      'SEARCH m USING COVERING INDEX messages_path (session_id=? AND id=?)',
    ]);
    expect(plan('parentOf', session.id, three.id)).toEqual([
      'SEARCH messages USING COVERING INDEX messages_path (session_id=? AND id=?)',
    ]);
    expect(plan('childCount', session.id, two.id)).toEqual([
      'SEARCH messages USING COVERING INDEX messages_children (session_id=? AND parent_id=?)',
    ]);
    database.close();
  });
});
