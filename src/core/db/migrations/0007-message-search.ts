import type { Migration } from './types';

/**
 * Full-text search over the text of messages (FTS5), kept in step with `messages` by triggers.
 * Only text parts are indexed: tool inputs and outputs would drown what people remember saying.
 */
export const messageSearch: Migration = {
  version: 7,
  name: 'message-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE message_search USING fts5(
        text,
        session_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_search (rowid, text, session_id)
        SELECT new.rowid, COALESCE(group_concat(json_extract(value, '$.text'), ' '), ''), new.session_id
        FROM json_each(new.parts) WHERE json_extract(value, '$.type') = 'text';
      END;
      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_search WHERE rowid = old.rowid;
      END;
      INSERT INTO message_search (rowid, text, session_id)
        SELECT m.rowid, COALESCE((SELECT group_concat(json_extract(p.value, '$.text'), ' ')
          FROM json_each(m.parts) p WHERE json_extract(p.value, '$.type') = 'text'), ''), m.session_id
        FROM messages m;
    `);
  },
};
