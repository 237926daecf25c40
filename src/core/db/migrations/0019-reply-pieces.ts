import { textOf } from './messageText';
import type { Migration } from './types';

/** What message_search holds for a message: nothing for an interrupted reply (its pieces hold its text). */
const indexedText = (row: 'm' | 'new' | 'old'): string =>
  `CASE WHEN ${row}.status = 'interrupted' THEN '' ELSE ${textOf(`${row}.parts`)} END`;

/**
 * A streaming reply is checkpointed every 2 s, each time as the whole text so far, and each
 * checkpoint re-indexed it whole: the old text's tokens out, the new text's in, on the event loop
 * (a 60,000-character reply 7.5 ms per checkpoint, 120,000 characters 23 ms, and growing with it).
 *
 * An interrupted reply (a checkpoint, or what a crash left) is now indexed in pieces instead:
 * `reply_pieces` holds its text in consecutive pieces and `reply_piece_search` indexes them, so a
 * checkpoint indexes only the text added since the last one (the store writes the pieces, see
 * SessionStore). In `message_search` such a message is an empty document. When the reply ends
 * (any other status) its pieces go and `message_search` indexes its whole text once; an insert or
 * update by anything but the store's checkpoint writes one piece with the whole text.
 */
export const replyPieces: Migration = {
  version: 19,
  name: 'reply-pieces',
  up(db) {
    db.exec(`
      CREATE TABLE reply_pieces (
        id INTEGER PRIMARY KEY,
        message_rowid INTEGER NOT NULL,
        text TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reply_pieces_by_message ON reply_pieces (message_rowid, id);
      CREATE VIRTUAL TABLE reply_piece_search USING fts5(
        text,
        content = 'reply_pieces',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      CREATE TRIGGER reply_pieces_insert AFTER INSERT ON reply_pieces BEGIN
        INSERT INTO reply_piece_search (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER reply_pieces_delete AFTER DELETE ON reply_pieces BEGIN
        INSERT INTO reply_piece_search (reply_piece_search, rowid, text) VALUES ('delete', old.id, old.text);
      END;

      -- The interrupted replies written so far, found in one pass over the messages.
      CREATE TEMP TABLE interrupted_replies AS
        SELECT rowid AS message_rowid, parts FROM messages WHERE status = 'interrupted';
      INSERT INTO message_search (message_search, rowid, text)
        SELECT 'delete', r.message_rowid, ${textOf('r.parts')} FROM temp.interrupted_replies r;
      INSERT INTO message_search (rowid, text) SELECT message_rowid, '' FROM temp.interrupted_replies;
      INSERT INTO reply_pieces (message_rowid, text)
        SELECT message_rowid, text FROM (
          SELECT r.message_rowid, ${textOf('r.parts')} AS text FROM temp.interrupted_replies r
        ) WHERE text <> '' ORDER BY message_rowid;
      DROP TABLE temp.interrupted_replies;

      DROP VIEW message_search_source;
      CREATE VIEW message_search_source AS SELECT m.rowid AS message_rowid, ${indexedText('m')} AS text FROM messages m;
      DROP TRIGGER messages_search_insert;
      DROP TRIGGER messages_search_delete;
      DROP TRIGGER messages_search_update;
      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_search (rowid, text) VALUES (new.rowid, ${indexedText('new')});
        INSERT INTO reply_pieces (message_rowid, text)
          SELECT new.rowid, text FROM (SELECT ${textOf('new.parts')} AS text WHERE new.status = 'interrupted')
          WHERE text <> '';
      END;
      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        INSERT INTO message_search (message_search, rowid, text) VALUES ('delete', old.rowid, ${indexedText('old')});
        DELETE FROM reply_pieces WHERE message_rowid = old.rowid;
      END;
      -- A checkpoint after a checkpoint (interrupted to interrupted) leaves both to the store.
      CREATE TRIGGER messages_search_update AFTER UPDATE OF parts, status ON messages
      WHEN NOT (old.status = 'interrupted' AND new.status = 'interrupted') BEGIN
        INSERT INTO message_search (message_search, rowid, text) VALUES ('delete', old.rowid, ${indexedText('old')});
        INSERT INTO message_search (rowid, text) VALUES (new.rowid, ${indexedText('new')});
        DELETE FROM reply_pieces WHERE message_rowid = old.rowid;
        INSERT INTO reply_pieces (message_rowid, text)
          SELECT new.rowid, text FROM (SELECT ${textOf('new.parts')} AS text WHERE new.status = 'interrupted')
          WHERE text <> '';
      END;
    `);
  },
};
