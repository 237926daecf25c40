import type { Migration } from './types';

/** Key-value facts about the database itself (when it was created, by which app version). */
export const appMeta: Migration = {
  version: 1,
  name: 'app-meta',
  up(db) {
    db.exec(`
      CREATE TABLE app_meta (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
      ) STRICT;
      INSERT INTO app_meta (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `);
  },
};
