import type { Migration } from './types';

/**
 * Opening a conversation walks its active branch up from the end, parent by parent. The walk looked
 * each message up by id (the primary key: random UUIDs, so one random index page per message) and
 * read its whole row for the parent id, then read every row again for the page: from a cold file, two
 * or more random pages per message. This index holds a conversation's ids and parents side by side,
 * so the walk reads a few pages of it and each shown row is then read once, by rowid.
 */
export const messagePath: Migration = {
  version: 18,
  name: 'message-path',
  up(db) {
    db.exec('CREATE INDEX messages_path ON messages (session_id, id, parent_id);');
  },
};
