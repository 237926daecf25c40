import type { Database, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
  forkKey,
  type Forks,
  type Message,
  type ModelChoice,
  type MessageOrigin,
  type MessagePart,
  type MessageRole,
  type MessageStatus,
  type Session,
  type SessionListView,
  type TokenUsage,
} from '../../shared/contract';
import { RpcError } from '../../shared/rpc';
import { inOneTransaction } from '../db/transactions';
import { ReplyPieceIndex } from './replyPieceIndex';

export const DEFAULT_SESSION_TITLE = 'New chat';
const DEFAULT_PAGE = 100;

/** A `sessions` row as Navi reads it (the export reads whole conversations from the same rows). */
export interface SessionRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  archived: number;
  pinned: number;
  unread: number;
  profile_id: string | null;
  provider_id: string | null;
  model: string | null;
  instructions: string | null;
  active_leaf_id: string | null;
}

/** A conversation's own settings, as `update` changes them (undefined: unchanged; null: back to the profile's). */
export interface SessionSettingsChange {
  readonly profileId?: string | null;
  readonly model?: ModelChoice | null;
  readonly instructions?: string | null;
}

/** A `messages` row as Navi reads it. */
export interface MessageRow {
  id: string;
  session_id: string;
  parent_id: string | null;
  position: number;
  /** Which child of a fork was chosen last (higher: later). */
  selected_rank: number;
  role: MessageRole;
  parts: string;
  status: MessageStatus;
  origin: MessageOrigin;
  created_at: number;
  usage: string | null;
  model: string | null;
}

export interface NewMessage {
  readonly id?: string;
  readonly sessionId: string;
  /** The message it follows; left out: the end of the active branch. */
  readonly parentId?: string | null;
  readonly role: MessageRole;
  readonly parts: readonly MessagePart[];
  readonly status: MessageStatus;
  readonly origin: MessageOrigin;
  readonly usage?: TokenUsage;
  readonly model?: string;
}

const toSession = (row: SessionRow): Session => ({
  id: row.id,
  title: row.title,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  archived: row.archived === 1,
  pinned: row.pinned === 1,
  unread: row.unread === 1,
  profileId: row.profile_id,
  model: row.provider_id !== null && row.model !== null ? { providerId: row.provider_id, model: row.model } : null,
  instructions: row.instructions,
});

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  sessionId: row.session_id,
  parentId: row.parent_id,
  position: row.position,
  role: row.role,
  parts: JSON.parse(row.parts) as MessagePart[],
  status: row.status,
  origin: row.origin,
  createdAt: row.created_at,
  ...(row.usage ? { usage: JSON.parse(row.usage) as TokenUsage } : {}),
  ...(row.model ? { model: row.model } : {}),
});

/**
 * Walks up from a message through its parents (itself first), at most `limit` steps, on the
 * messages_path index alone (a conversation's ids and parents side by side): a few index pages, not a
 * random primary-key page and a whole row per message. `rid` is each message's rowid, to read the
 * rows wanted by it. The CROSS JOINs keep SQLite's loops in this order (from the walk into the index,
 * from the walk's rowids into the table); left to choose, it may scan the conversation, or the table,
 * per step.
 */
const PATH_UP = `
  WITH RECURSIVE up(rid, id, parent_id, depth) AS (
    SELECT rowid, id, parent_id, 1 FROM messages INDEXED BY messages_path
    WHERE session_id = @sessionId AND id = @start
    UNION ALL
    SELECT m.rowid, m.id, m.parent_id, up.depth + 1 FROM up CROSS JOIN messages m INDEXED BY messages_path
      ON m.session_id = @sessionId AND m.id = up.parent_id
    WHERE up.depth < @limit
  )`;

export function sessionNotFound(id: string): RpcError {
  return new RpcError('not_found', `Conversation ${id} does not exist (it may have been deleted).`);
}

/** Sessions and their messages in SQLite. Writes are single statements or short transactions. */
export class SessionStore {
  private readonly statements: ReturnType<SessionStore['prepare']>;
  /** Runs `work` in one transaction (made once: better-sqlite3 builds four wrappers per `transaction()`). */
  private readonly transact: <T>(work: () => T) => T;
  private readonly replyPieces: ReplyPieceIndex;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = randomUUID,
  ) {
    this.statements = this.prepare();
    this.replyPieces = new ReplyPieceIndex(db);
    this.transact = inOneTransaction(db);
  }

  private prepare() {
    const db = this.db;
    return {
      insertSession: db.prepare(
        'INSERT INTO sessions (id, title, created_at, updated_at, profile_id) VALUES (@id, @title, @now, @now, @profileId)',
      ),
      usageTotal: db.prepare(
        `SELECT COALESCE(SUM(json_extract(usage, '$.inputTokens')), 0) AS inputTokens,
                COALESCE(SUM(json_extract(usage, '$.outputTokens')), 0) AS outputTokens
         FROM messages WHERE session_id = ? AND usage IS NOT NULL`,
      ) as Statement<[string], TokenUsage>,
      getSession: db.prepare('SELECT * FROM sessions WHERE id = ?') as Statement<[string], SessionRow>,
      // Keyset pages, newest activity first (ties by id): the active ones along sessions_by_recent.
      listActive: db.prepare(
        'SELECT * FROM sessions WHERE archived = 0 ORDER BY updated_at DESC, id DESC LIMIT +@limit',
      ) as Statement<[{ limit: number }], SessionRow>,
      listActiveAfter: db.prepare(
        `SELECT * FROM sessions WHERE archived = 0
           AND (updated_at < @updatedAt OR (updated_at = @updatedAt AND id < @id))
         ORDER BY updated_at DESC, id DESC LIMIT +@limit`,
      ) as Statement<[{ updatedAt: number; id: string; limit: number }], SessionRow>,
      listAll: db.prepare('SELECT * FROM sessions ORDER BY updated_at DESC, id DESC LIMIT +@limit') as Statement<
        [{ limit: number }],
        SessionRow
      >,
      listAllAfter: db.prepare(
        `SELECT * FROM sessions WHERE updated_at < @updatedAt OR (updated_at = @updatedAt AND id < @id)
         ORDER BY updated_at DESC, id DESC LIMIT +@limit`,
      ) as Statement<[{ updatedAt: number; id: string; limit: number }], SessionRow>,
      /** One view of the list (see SessionListView), a page after a cursor; served by the sessions_by_view index. */
      listView: db.prepare(
        `SELECT * FROM sessions WHERE archived = @archived AND pinned = @pinned
           AND (updated_at < @updatedAt OR (updated_at = @updatedAt AND id < @id))
         ORDER BY updated_at DESC, id DESC LIMIT +@limit`,
      ) as Statement<[{ archived: number; pinned: number; updatedAt: number; id: string; limit: number }], SessionRow>,
      setPinned: db.prepare('UPDATE sessions SET pinned = ? WHERE id = ?'),
      setUnread: db.prepare('UPDATE sessions SET unread = ? WHERE id = ? AND unread != ?'),
      rename: db.prepare('UPDATE sessions SET title = ?, updated_at = ? WHERE id = ?'),
      archive: db.prepare('UPDATE sessions SET archived = ?, updated_at = ? WHERE id = ?'),
      touch: db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
      lastSeq: db.prepare('SELECT last_seq FROM sessions WHERE id = ?').pluck() as Statement<[string], number>,
      setLastSeq: db.prepare('UPDATE sessions SET last_seq = MAX(last_seq, ?) WHERE id = ?'),
      lastUserMessageAt: db
        .prepare("SELECT MAX(created_at) FROM messages WHERE session_id = ? AND role = 'user' AND origin = 'user'")
        .pluck() as Statement<[string], number | null>,
      nextPosition: db
        .prepare('SELECT COALESCE(MAX(position), 0) + 1 FROM messages WHERE session_id = ?')
        .pluck() as Statement<[string], number>,
      nextRank: db
        .prepare('SELECT COALESCE(MAX(selected_rank), 0) + 1 FROM messages WHERE session_id = ? AND parent_id IS ?')
        .pluck() as Statement<[string, string | null], number>,
      insertMessage: db.prepare(
        `INSERT INTO messages
           (id, session_id, parent_id, position, selected_rank, role, parts, status, origin, created_at, usage, model)
         VALUES (@id, @sessionId, @parentId, @position, @rank, @role, @parts, @status, @origin, @createdAt, @usage, @model)`,
      ),
      activeLeaf: db.prepare('SELECT active_leaf_id FROM sessions WHERE id = ?').pluck() as Statement<
        [string],
        string | null
      >,
      setActiveLeaf: db.prepare('UPDATE sessions SET active_leaf_id = ? WHERE id = ?'),
      /** The rows of the path up (see PATH_UP), oldest first: each read once, by rowid. */
      pathUp: db.prepare(
        `${PATH_UP} SELECT m.* FROM up CROSS JOIN messages m ON m.rowid = up.rid ORDER BY m.position`,
      ) as Statement<[{ sessionId: string; start: string; limit: number }], MessageRow>,
      /** Whether the path up from `start` runs through `id` (no rows read). */
      onPathUp: db.prepare(`${PATH_UP} SELECT 1 FROM up WHERE id = @id`).pluck() as Statement<
        [{ sessionId: string; start: string; id: string; limit: number }],
        1
      >,
      /** A message's parent from the index (undefined: no such message; null: it starts the conversation). */
      parentOf: db
        .prepare('SELECT parent_id FROM messages INDEXED BY messages_path WHERE session_id = ? AND id = ?')
        .pluck() as Statement<[string, string], string | null>,
      children: db
        .prepare('SELECT id FROM messages WHERE session_id = ? AND parent_id IS ? ORDER BY position')
        .pluck() as Statement<[string, string | null], string>,
      /** How many children a message has, from messages_children alone (the ids need the rows). */
      childCount: db
        .prepare('SELECT count(*) FROM messages WHERE session_id = ? AND parent_id IS ?')
        .pluck() as Statement<[string, string | null], number>,
      /** Marks the path to a message as the chosen child at every fork on the way. */
      selectPath: db.prepare(
        `${PATH_UP}
         UPDATE messages SET selected_rank = (
           SELECT MAX(sibling.selected_rank) + 1 FROM messages sibling
           WHERE sibling.session_id = messages.session_id AND sibling.parent_id IS messages.parent_id
         ) WHERE rowid IN (SELECT rid FROM up)`,
      ),
      /** From a message down through the last chosen child at each fork, to a leaf. */
      chosenLeaf: db
        .prepare(
          `WITH RECURSIVE down(id, depth) AS (
             SELECT @start, 0
             UNION ALL
             SELECT (SELECT c.id FROM messages c WHERE c.session_id = @sessionId AND c.parent_id = down.id
                     ORDER BY c.selected_rank DESC, c.position DESC LIMIT 1), down.depth + 1
             FROM down WHERE down.id IS NOT NULL
           )
           SELECT id FROM down WHERE id IS NOT NULL ORDER BY depth DESC LIMIT 1`,
        )
        .pluck() as Statement<[{ sessionId: string; start: string }], string>,
      deleteMessage: db.prepare('DELETE FROM messages WHERE session_id = ? AND id = ?'),
      rewriteReply: db.prepare(
        'UPDATE messages SET parts = @parts, status = @status, usage = @usage, model = @model WHERE session_id = @sessionId AND id = @id',
      ),
      storedReply: db.prepare('SELECT rowid, status FROM messages WHERE session_id = ? AND id = ?') as Statement<
        [string, string],
        { rowid: number; status: MessageStatus }
      >,
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

  createSession(title: string = DEFAULT_SESSION_TITLE, profileId: string | null = null): Session {
    const id = this.newId();
    this.statements.insertSession.run({ id, title, now: this.now(), profileId });
    return this.requireSession(id);
  }

  /** Changes a conversation's own settings; its place in the list (last activity) stays. */
  updateSettings(id: string, change: SessionSettingsChange): Session {
    const current = this.requireSession(id);
    const model = change.model === undefined ? current.model : change.model;
    this.db
      .prepare(
        `UPDATE sessions SET profile_id = @profileId, provider_id = @providerId, model = @model,
           instructions = @instructions WHERE id = @id`,
      )
      .run({
        id,
        profileId: change.profileId === undefined ? current.profileId : change.profileId,
        providerId: model?.providerId ?? null,
        model: model?.model ?? null,
        instructions: change.instructions === undefined ? current.instructions : change.instructions,
      });
    return this.requireSession(id);
  }

  /** Tokens every reply of the conversation cost (all branches). */
  usageTotal(sessionId: string): TokenUsage {
    return this.statements.usageTotal.get(sessionId) ?? { inputTokens: 0, outputTokens: 0 };
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

  /**
   * Sessions, newest activity first (ties by id): all of them, or one page of `limit` after
   * `after` (the last session of the page before).
   */
  listSessions(
    includeArchived = false,
    page: { after?: { updatedAt: number; id: string }; limit?: number } = {},
  ): Session[] {
    const limit = page.limit ?? -1;
    const after = page.after && { updatedAt: page.after.updatedAt, id: page.after.id, limit };
    const rows = includeArchived
      ? after
        ? this.statements.listAllAfter.all(after)
        : this.statements.listAll.all({ limit })
      : after
        ? this.statements.listActiveAfter.all(after)
        : this.statements.listActive.all({ limit });
    return rows.map(toSession);
  }

  /**
   * One page of a view of the list: pinned or recent (neither archived) or archived, newest first;
   * archived ones are listed pinned or not.
   */
  listView(view: SessionListView, page: { after?: { updatedAt: number; id: string }; limit?: number } = {}): Session[] {
    const limit = page.limit ?? -1;
    const cursor = page.after ?? { updatedAt: Number.MAX_SAFE_INTEGER, id: '' };
    const read = (archived: number, pinned: number) =>
      this.statements.listView.all({ archived, pinned, updatedAt: cursor.updatedAt, id: cursor.id, limit });
    if (view !== 'archived') return read(0, view === 'pinned' ? 1 : 0).map(toSession);
    const rows = [...read(1, 0), ...read(1, 1)].sort(
      (a, b) => b.updated_at - a.updated_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
    return (limit < 0 ? rows : rows.slice(0, limit)).map(toSession);
  }

  setPinned(id: string, pinned: boolean): Session {
    if (this.statements.setPinned.run(pinned ? 1 : 0, id).changes === 0) throw sessionNotFound(id);
    return this.requireSession(id);
  }

  /** Marks a conversation (un)read; true when that changed anything. */
  setUnread(id: string, unread: boolean): boolean {
    const flag = unread ? 1 : 0;
    return this.statements.setUnread.run(flag, id, flag).changes > 0;
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

  /**
   * Adds a message after `parentId` (default: the end of the active branch) and makes it the end of
   * the active branch; records the event seq it was written at.
   */
  appendMessage(message: NewMessage, seq?: number): Message {
    return this.messageById(message.sessionId, this.insertMessage(message, seq));
  }

  /** `appendMessage` without reading the stored message back; returns its id. */
  private insertMessage(message: NewMessage, seq?: number): string {
    const id = message.id ?? this.newId();
    const { sessionId } = message;
    this.transact(() => {
      const createdAt = this.now();
      const parentId = message.parentId === undefined ? this.activeLeafId(sessionId) : message.parentId;
      this.statements.insertMessage.run({
        id,
        sessionId,
        parentId,
        position: this.statements.nextPosition.get(sessionId),
        rank: this.statements.nextRank.get(sessionId, parentId),
        role: message.role,
        parts: JSON.stringify(message.parts),
        status: message.status,
        origin: message.origin,
        createdAt,
        usage: message.usage ? JSON.stringify(message.usage) : null,
        model: message.model ?? null,
      });
      this.statements.setActiveLeaf.run(id, sessionId);
      this.statements.touch.run(createdAt, sessionId);
      if (seq !== undefined) this.statements.setLastSeq.run(seq, sessionId);
    });
    return id;
  }

  /**
   * Writes a run's reply under its id: the first write adds it after its prompt (`parentId`), later
   * ones (checkpoints while it streams, its final form, a retry replacing a failed reply) rewrite it
   * in place, keeping its place in the tree and whatever follows it.
   */
  saveReply(message: NewMessage & { readonly id: string; readonly parentId: string }, seq?: number): Message {
    this.writeReply(message, seq);
    return this.messageById(message.sessionId, message.id);
  }

  /** `saveReply` without reading the stored message back (a streaming reply's checkpoints). */
  writeReply(message: NewMessage & { readonly id: string; readonly parentId: string }, seq?: number): void {
    const { sessionId, id } = message;
    this.transact(() => {
      const stored = this.statements.storedReply.get(sessionId, id);
      if (!stored) {
        this.insertMessage(message, seq);
        return;
      }
      this.statements.rewriteReply.run({
        sessionId,
        id,
        parts: JSON.stringify(message.parts),
        status: message.status,
        usage: message.usage ? JSON.stringify(message.usage) : null,
        model: message.model ?? null,
      });
      // A checkpoint after a checkpoint: only the text added since is indexed (the triggers do the rest).
      if (stored.status === 'interrupted' && message.status === 'interrupted') {
        this.replyPieces.index(stored.rowid, message.parts);
      }
      this.statements.touch.run(this.now(), sessionId);
      if (seq !== undefined) this.statements.setLastSeq.run(seq, sessionId);
    });
  }

  /** The last message of the branch on screen (null while the conversation is empty). */
  activeLeafId(sessionId: string): string | null {
    return this.statements.activeLeaf.get(sessionId) ?? null;
  }

  /** Makes `messageId` the end of the active branch (the caller knows it ends one, or wants it to). */
  setActiveLeaf(sessionId: string, messageId: string | null): void {
    this.statements.setActiveLeaf.run(messageId, sessionId);
  }

  /** The active branch from its first message to its end: what the model sees. */
  activePath(sessionId: string): Message[] {
    const leaf = this.activeLeafId(sessionId);
    if (!leaf) return [];
    return this.statements.pathUp.all({ sessionId, start: leaf, limit: Number.MAX_SAFE_INTEGER }).map(toMessage);
  }

  /**
   * Shows the branch through `messageId`: every fork on the way to it picks it, and below it the
   * branch continues where it was last left. Returns the new end of the active branch.
   */
  selectBranch(sessionId: string, messageId: string): string {
    this.requireMessage(sessionId, messageId);
    return this.transact(() => {
      this.statements.selectPath.run({ sessionId, start: messageId, limit: Number.MAX_SAFE_INTEGER });
      const leaf = this.statements.chosenLeaf.get({ sessionId, start: messageId }) ?? messageId;
      this.statements.setActiveLeaf.run(leaf, sessionId);
      return leaf;
    });
  }

  /** Ids of a message's children (or of the first messages, for null), oldest first. */
  childrenOf(sessionId: string, parentId: string | null): string[] {
    return this.statements.children.all(sessionId, parentId);
  }

  /** The forks among the given parents (see `Forks`): only those with more than one child. */
  forksOf(sessionId: string, parentIds: Iterable<string | null>): Forks {
    const forks: Forks = {};
    for (const parentId of new Set(parentIds)) {
      // Most messages have one child: counting reads the index only; the ids of a fork need its rows.
      if (this.statements.childCount.get(sessionId, parentId)! < 2) continue;
      const children = this.childrenOf(sessionId, parentId);
      if (children.length > 1) forks[forkKey(parentId)] = children;
    }
    return forks;
  }

  getMessage(sessionId: string, id: string): Message | undefined {
    const row = this.statements.messageById.get(sessionId, id);
    return row ? toMessage(row) : undefined;
  }

  /** When the person last wrote in the conversation (not a recall's prompt), if ever. */
  lastUserMessageAt(sessionId: string): number | undefined {
    return this.statements.lastUserMessageAt.get(sessionId) ?? undefined;
  }

  requireMessage(sessionId: string, id: string): Message {
    const message = this.getMessage(sessionId, id);
    if (!message) throw new RpcError('not_found', 'That message does not exist (any more).');
    return message;
  }

  /**
   * Deletes a message and everything that follows it on any branch. When the active branch ran
   * through it, the branch now ends at its parent.
   */
  deleteMessage(sessionId: string, id: string): void {
    const message = this.requireMessage(sessionId, id);
    this.transact(() => {
      const leaf = this.activeLeafId(sessionId);
      const onActive =
        leaf !== null &&
        this.statements.onPathUp.get({ sessionId, start: leaf, id, limit: Number.MAX_SAFE_INTEGER }) !== undefined;
      this.statements.deleteMessage.run(sessionId, id);
      if (onActive) this.statements.setActiveLeaf.run(message.parentId, sessionId);
    });
  }

  recordSeq(sessionId: string, seq: number): void {
    this.statements.setLastSeq.run(seq, sessionId);
  }

  /**
   * One page of the active branch, oldest first: its last `limit` messages, or the `limit` before
   * the message `before` (an id on the branch, usually the first one a window has).
   */
  pageMessages(
    sessionId: string,
    options: { before?: string; limit?: number } = {},
  ): { messages: Message[]; hasMore: boolean } {
    const limit = options.limit ?? DEFAULT_PAGE;
    const start =
      options.before === undefined
        ? this.activeLeafId(sessionId)
        : this.statements.parentOf.get(sessionId, options.before);
    if (!start) return { messages: [], hasMore: false };
    const rows = this.statements.pathUp.all({ sessionId, start, limit: limit + 1 });
    const hasMore = rows.length > limit;
    return { messages: (hasMore ? rows.slice(1) : rows).map(toMessage), hasMore };
  }

  /** Every message of every branch, in the order they were written. */
  allMessages(sessionId: string): Message[] {
    return this.statements.allMessages.all(sessionId).map(toMessage);
  }

  private messageById(sessionId: string, id: string): Message {
    const row = this.statements.messageById.get(sessionId, id);
    if (!row) throw new Error(`Message ${id} was not stored`);
    return toMessage(row);
  }
}
