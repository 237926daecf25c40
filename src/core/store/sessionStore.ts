import type { Database, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Message, MessageOrigin, MessagePart, MessageRole, MessageStatus, Session } from '../../shared/contract';
import { RpcError } from '../../shared/rpc';

export const DEFAULT_SESSION_TITLE = 'New chat';
const DEFAULT_PAGE = 100;

interface SessionRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  archived: number;
}

interface MessageRow {
  id: string;
  session_id: string;
  position: number;
  role: MessageRole;
  parts: string;
  status: MessageStatus;
  origin: MessageOrigin;
  created_at: number;
}

export interface NewMessage {
  readonly id?: string;
  readonly sessionId: string;
  readonly role: MessageRole;
  readonly parts: readonly MessagePart[];
  readonly status: MessageStatus;
  readonly origin: MessageOrigin;
}

const toSession = (row: SessionRow): Session => ({
  id: row.id,
  title: row.title,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  archived: row.archived === 1,
});

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  sessionId: row.session_id,
  position: row.position,
  role: row.role,
  parts: JSON.parse(row.parts) as MessagePart[],
  status: row.status,
  origin: row.origin,
  createdAt: row.created_at,
});

export function sessionNotFound(id: string): RpcError {
  return new RpcError('not_found', `Conversation ${id} does not exist (it may have been deleted).`);
}

/** Sessions and their messages in SQLite. Writes are single statements or short transactions. */
export class SessionStore {
  private readonly statements: ReturnType<SessionStore['prepare']>;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = randomUUID,
  ) {
    this.statements = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      insertSession: db.prepare(
        'INSERT INTO sessions (id, title, created_at, updated_at) VALUES (@id, @title, @now, @now)',
      ),
      getSession: db.prepare('SELECT * FROM sessions WHERE id = ?') as Statement<[string], SessionRow>,
      listActive: db.prepare('SELECT * FROM sessions WHERE archived = 0 ORDER BY updated_at DESC') as Statement<
        [],
        SessionRow
      >,
      listAll: db.prepare('SELECT * FROM sessions ORDER BY updated_at DESC') as Statement<[], SessionRow>,
      rename: db.prepare('UPDATE sessions SET title = ?, updated_at = ? WHERE id = ?'),
      archive: db.prepare('UPDATE sessions SET archived = ?, updated_at = ? WHERE id = ?'),
      touch: db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
      lastSeq: db.prepare('SELECT last_seq FROM sessions WHERE id = ?').pluck() as Statement<[string], number>,
      setLastSeq: db.prepare('UPDATE sessions SET last_seq = MAX(last_seq, ?) WHERE id = ?'),
      nextPosition: db
        .prepare('SELECT COALESCE(MAX(position), 0) + 1 FROM messages WHERE session_id = ?')
        .pluck() as Statement<[string], number>,
      insertMessage: db.prepare(
        `INSERT INTO messages (id, session_id, position, role, parts, status, origin, created_at)
         VALUES (@id, @sessionId, @position, @role, @parts, @status, @origin, @createdAt)`,
      ),
      pageLatest: db.prepare('SELECT * FROM messages WHERE session_id = ? ORDER BY position DESC LIMIT ?') as Statement<
        [string, number],
        MessageRow
      >,
      pageBefore: db.prepare(
        'SELECT * FROM messages WHERE session_id = ? AND position < ? ORDER BY position DESC LIMIT ?',
      ) as Statement<[string, number, number], MessageRow>,
      searchContent: db.prepare(`
        SELECT s.*, snippet(message_search, 0, '', '', '…', 12) AS snippet
        FROM message_search JOIN sessions s ON s.id = message_search.session_id
        WHERE message_search MATCH ? ORDER BY rank LIMIT 200`) as Statement<[string], SessionRow & { snippet: string }>,
      searchTitles: db.prepare(
        "SELECT * FROM sessions WHERE title LIKE ? ESCAPE '\\' ORDER BY updated_at DESC LIMIT 200",
      ) as Statement<[string], SessionRow>,
      messageById: db.prepare('SELECT * FROM messages WHERE session_id = ? AND id = ?') as Statement<
        [string, string],
        MessageRow
      >,
      allMessages: db.prepare('SELECT * FROM messages WHERE session_id = ? ORDER BY position') as Statement<
        [string],
        MessageRow
      >,
    };
  }

  createSession(title: string = DEFAULT_SESSION_TITLE): Session {
    const id = this.newId();
    this.statements.insertSession.run({ id, title, now: this.now() });
    return this.requireSession(id);
  }

  getSession(id: string): Session | undefined {
    const row = this.statements.getSession.get(id);
    return row ? toSession(row) : undefined;
  }

  requireSession(id: string): Session {
    const session = this.getSession(id);
    if (!session) throw sessionNotFound(id);
    return session;
  }

  listSessions(includeArchived = false): Session[] {
    return (includeArchived ? this.statements.listAll : this.statements.listActive).all().map(toSession);
  }

  renameSession(id: string, title: string): Session {
    if (this.statements.rename.run(title, this.now(), id).changes === 0) throw sessionNotFound(id);
    return this.requireSession(id);
  }

  setArchived(id: string, archived: boolean): Session {
    if (this.statements.archive.run(archived ? 1 : 0, this.now(), id).changes === 0) throw sessionNotFound(id);
    return this.requireSession(id);
  }

  /** Deletes the session and (by cascade) its messages. */
  deleteSession(id: string): boolean {
    return this.statements.deleteSession.run(id).changes > 0;
  }

  lastSeq(id: string): number {
    return this.statements.lastSeq.get(id) ?? 0;
  }

  /** Appends a message at the end of the session (and records the event seq it was written at). */
  appendMessage(message: NewMessage, seq?: number): Message {
    const id = message.id ?? this.newId();
    this.db.transaction(() => {
      const createdAt = this.now();
      this.statements.insertMessage.run({
        id,
        sessionId: message.sessionId,
        position: this.statements.nextPosition.get(message.sessionId),
        role: message.role,
        parts: JSON.stringify(message.parts),
        status: message.status,
        origin: message.origin,
        createdAt,
      });
      this.statements.touch.run(createdAt, message.sessionId);
      if (seq !== undefined) this.statements.setLastSeq.run(seq, message.sessionId);
    })();
    return this.messageById(message.sessionId, id);
  }

  recordSeq(sessionId: string, seq: number): void {
    this.statements.setLastSeq.run(seq, sessionId);
  }

  /** The newest `limit` messages (or those before `beforePosition`), oldest first. */
  pageMessages(
    sessionId: string,
    options: { beforePosition?: number; limit?: number } = {},
  ): { messages: Message[]; hasMore: boolean } {
    const limit = options.limit ?? DEFAULT_PAGE;
    const rows =
      options.beforePosition === undefined
        ? this.statements.pageLatest.all(sessionId, limit + 1)
        : this.statements.pageBefore.all(sessionId, options.beforePosition, limit + 1);
    const hasMore = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
  }

  /**
   * Sessions whose title or message text matches `query` (every word, as a prefix), best first,
   * with a short snippet of the matching text. Archived sessions are included: search is for finding.
   */
  search(query: string): { session: Session; snippet: string | null }[] {
    const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) return [];
    const results = new Map<string, { session: Session; snippet: string | null }>();
    const like = `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    for (const row of this.statements.searchTitles.all(like))
      results.set(row.id, { session: toSession(row), snippet: null });
    const match = words.map((word) => `"${word}"*`).join(' ');
    for (const row of this.statements.searchContent.all(match)) {
      if (!results.has(row.id)) results.set(row.id, { session: toSession(row), snippet: row.snippet });
    }
    return [...results.values()];
  }

  allMessages(sessionId: string): Message[] {
    return this.statements.allMessages.all(sessionId).map(toMessage);
  }

  private messageById(sessionId: string, id: string): Message {
    const row = this.statements.messageById.get(sessionId, id);
    if (!row) throw new Error(`Message ${id} was not stored`);
    return toMessage(row);
  }
}
