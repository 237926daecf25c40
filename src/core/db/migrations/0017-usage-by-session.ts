import type { Migration } from './types';

/**
 * A conversation's token total (sessions.get, on every open) summed `usage` over its messages by
 * reading each whole row, text and all: 0.1–1 s to open a 5,000-message conversation from a cold
 * file. This index holds exactly what the sum reads, so the rows stay on disk.
 */
export const usageBySession: Migration = {
  version: 17,
  name: 'usage-by-session',
  up(db) {
    db.exec('CREATE INDEX messages_usage_by_session ON messages (session_id, usage) WHERE usage IS NOT NULL;');
  },
};
