import { textOf } from './messageText';
import type { Migration } from './types';

/**
 * Message search without a second copy of every message: the FTS5 index becomes an external-content
 * table over a view of the messages' text, so it stores only the index (the old table also kept
 * the text itself, about a third of a large database). Triggers keep it in step with every insert,
 * delete (also by cascade, when a conversation or a branch goes) and change of `parts`; every
 * branch is indexed. Prefix indexes for 2 and 3 characters keep type-ahead queries short.
 *
 * The index refers to messages by rowid, which `messages` (a TEXT primary key) does not pin: a
 * VACUUM may renumber rowids, so anything that vacuums must run the index's 'rebuild' afterwards.
 */
export const searchExternalContent: Migration = {
  version: 13,
  name: 'search-external-content',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_search_insert;
      DROP TRIGGER messages_search_delete;
      DROP TRIGGER messages_search_update;
      DROP TABLE message_search;
      CREATE VIEW message_search_source AS
        SELECT m.rowid AS message_rowid, ${textOf('m.parts')} AS text FROM messages m;
      CREATE VIRTUAL TABLE message_search USING fts5(
        text,
        content = 'message_search_source',
        content_rowid = 'message_rowid',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_search (rowid, text) VALUES (new.rowid, ${textOf('new.parts')});
      END;
      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        INSERT INTO message_search (message_search, rowid, text) VALUES ('delete', old.rowid, ${textOf('old.parts')});
      END;
      CREATE TRIGGER messages_search_update AFTER UPDATE OF parts ON messages BEGIN
        INSERT INTO message_search (message_search, rowid, text) VALUES ('delete', old.rowid, ${textOf('old.parts')});
        INSERT INTO message_search (rowid, text) VALUES (new.rowid, ${textOf('new.parts')});
      END;
      INSERT INTO message_search (message_search) VALUES ('rebuild');
    `);
  },
};
