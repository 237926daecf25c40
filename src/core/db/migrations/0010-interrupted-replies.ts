import { rebuildTable } from './rebuildTable';
import type { Migration } from './types';

/**
 * Replies are checkpointed while they stream, so after a crash the text so far is kept and marked
 * `interrupted`; Navi's own notes become `system` lines instead of posing as replies. SQLite cannot
 * widen a CHECK, so `messages` is rebuilt (see `rebuildTable`: rowids, indexes, triggers and the rows
 * of tables that refer to it are kept). A checkpoint rewrites a reply in place; an update trigger
 * keeps the search index in step.
 */
export const interruptedReplies: Migration = {
  version: 10,
  name: 'interrupted-replies',
  up(db) {
    rebuildTable(
      db,
      'messages',
      `CREATE TABLE messages_next (
        id TEXT PRIMARY KEY NOT NULL,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
        parts TEXT NOT NULL CHECK (json_valid(parts)),
        status TEXT NOT NULL CHECK (status IN ('complete', 'partial', 'interrupted')),
        origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('user', 'recall')),
        created_at INTEGER NOT NULL,
        parent_id TEXT REFERENCES messages_next (id) ON DELETE CASCADE,
        selected_rank INTEGER NOT NULL DEFAULT 0,
        usage TEXT CHECK (usage IS NULL OR json_valid(usage)),
        model TEXT,
        UNIQUE (session_id, position)
      ) STRICT`,
    );
    db.exec(`
      CREATE TRIGGER messages_search_update AFTER UPDATE OF parts ON messages BEGIN
        DELETE FROM message_search WHERE rowid = old.rowid;
        INSERT INTO message_search (rowid, text, session_id)
        SELECT new.rowid, COALESCE(group_concat(json_extract(value, '$.text'), ' '), ''), new.session_id
        FROM json_each(new.parts) WHERE json_extract(value, '$.type') = 'text';
      END;
    `);
  },
};
