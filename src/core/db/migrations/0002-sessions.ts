import type { Migration } from './types';

/** Conversations. `last_seq` keeps event numbering increasing after idle state is freed. */
export const sessions: Migration = {
  version: 2,
  name: 'sessions',
  up(db) {
    db.exec(`
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY NOT NULL,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        last_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX sessions_by_recent ON sessions (archived, updated_at DESC);
    `);
  },
};
