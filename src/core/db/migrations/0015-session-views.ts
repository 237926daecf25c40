import type { Migration } from './types';

/**
 * The sidebar lists conversations in three views, each paged newest first: pinned, the rest, and
 * archived (the `pinned` and `unread` columns came with migration 8). One index serves all three
 * with no sort step, at any number of conversations.
 */
export const sessionViews: Migration = {
  version: 15,
  name: 'session-views',
  up(db) {
    db.exec('CREATE INDEX sessions_by_view ON sessions (archived, pinned, updated_at DESC, id DESC);');
  },
};
