import type { Migration } from './types';

/**
 * Attached files. The bytes live in the data directory under their SHA-256 (`attachments.id`);
 * this table holds what Navi learnt about them when they were uploaded. `message_attachments`
 * says which messages refer to which files; triggers keep it in step with the attachment parts in
 * `messages.parts`, and it empties by cascade when messages go, so a file nothing refers to any
 * more can be found (and deleted) with one query.
 */
export const attachments: Migration = {
  version: 9,
  name: 'attachments',
  up(db) {
    db.exec(`
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 64),
        kind TEXT NOT NULL CHECK (kind IN ('image', 'pdf', 'text')),
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        pages INTEGER,
        lines INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE message_attachments (
        message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        attachment_id TEXT NOT NULL REFERENCES attachments (id),
        PRIMARY KEY (message_id, attachment_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX message_attachments_by_attachment ON message_attachments (attachment_id);
      CREATE TRIGGER messages_attachments_insert AFTER INSERT ON messages BEGIN
        INSERT OR IGNORE INTO message_attachments (message_id, attachment_id)
        SELECT new.id, json_extract(value, '$.id') FROM json_each(new.parts)
        WHERE json_extract(value, '$.type') = 'attachment';
      END;
      CREATE TRIGGER messages_attachments_update AFTER UPDATE OF parts ON messages BEGIN
        DELETE FROM message_attachments WHERE message_id = new.id;
        INSERT OR IGNORE INTO message_attachments (message_id, attachment_id)
        SELECT new.id, json_extract(value, '$.id') FROM json_each(new.parts)
        WHERE json_extract(value, '$.type') = 'attachment';
      END;
    `);
  },
};
