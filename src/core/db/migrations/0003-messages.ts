import type { Migration } from './types';

/** Messages of a session; `parts` is a JSON array of text, tool call, tool result and error parts. */
export const messages: Migration = {
  version: 3,
  name: 'messages',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        id TEXT PRIMARY KEY NOT NULL,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        parts TEXT NOT NULL CHECK (json_valid(parts)),
        status TEXT NOT NULL CHECK (status IN ('complete', 'partial')),
        origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('user', 'recall')),
        created_at INTEGER NOT NULL,
        UNIQUE (session_id, position)
      ) STRICT;
    `);
  },
};
