import type { Migration } from './types';

/**
 * Conversations become trees and get their own settings.
 *
 * - `messages.parent_id`: a message answers or follows its parent; edit and regenerate add siblings.
 *   Existing conversations become a single branch (each message's parent is the one before it).
 * - `messages.selected_rank`: which child of a fork was chosen last, so switching back to a branch
 *   lands where the person left it. Starts as `position`.
 * - `messages.usage` / `model`: the provider's token report and the model that wrote a reply.
 * - `sessions.active_leaf_id`: the end of the branch on screen, sent to the model and continued by
 *   recalls. `pinned`, `unread` (a recall replied while no window watched), the conversation's
 *   profile and its own model and instructions (NULL: the profile's).
 * - Profiles: which tools and MCP servers they enable (NULL: all) and their recall default. Profiles
 *   made by round 1's guided setup got no instructions at all; they get the default ones.
 */
/** The instructions round 1 gave the environment's profile only (kept here as they were then). */
const ROUND1_DEFAULT_INSTRUCTIONS =
  'You are Navi, a helpful assistant in a desktop app. Answer clearly and concisely. ' +
  'Use the tools you have when they help, and say so when you could not do something.';

export const conversationTree: Migration = {
  version: 8,
  name: 'conversation-tree',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN parent_id TEXT REFERENCES messages (id) ON DELETE CASCADE;
      ALTER TABLE messages ADD COLUMN selected_rank INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN usage TEXT CHECK (usage IS NULL OR json_valid(usage));
      ALTER TABLE messages ADD COLUMN model TEXT;
      UPDATE messages SET
        parent_id = (
          SELECT previous.id FROM messages previous
          WHERE previous.session_id = messages.session_id AND previous.position < messages.position
          ORDER BY previous.position DESC LIMIT 1
        ),
        selected_rank = position;
      CREATE INDEX messages_children ON messages (session_id, parent_id, position);

      ALTER TABLE sessions ADD COLUMN active_leaf_id TEXT;
      ALTER TABLE sessions ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
      ALTER TABLE sessions ADD COLUMN unread INTEGER NOT NULL DEFAULT 0 CHECK (unread IN (0, 1));
      ALTER TABLE sessions ADD COLUMN profile_id TEXT;
      ALTER TABLE sessions ADD COLUMN provider_id TEXT;
      ALTER TABLE sessions ADD COLUMN model TEXT;
      ALTER TABLE sessions ADD COLUMN instructions TEXT;
      UPDATE sessions SET active_leaf_id = (
        SELECT id FROM messages WHERE messages.session_id = sessions.id ORDER BY position DESC LIMIT 1
      );

      ALTER TABLE profiles ADD COLUMN enabled_tools TEXT
        CHECK (enabled_tools IS NULL OR (json_valid(enabled_tools) AND json_type(enabled_tools) = 'array'));
      ALTER TABLE profiles ADD COLUMN enabled_mcp_servers TEXT
        CHECK (enabled_mcp_servers IS NULL OR (json_valid(enabled_mcp_servers) AND json_type(enabled_mcp_servers) = 'array'));
      ALTER TABLE profiles ADD COLUMN recall_missed_policy TEXT
        CHECK (recall_missed_policy IS NULL OR recall_missed_policy IN ('catch_up_once', 'skip'));
    `);
    db.prepare("UPDATE profiles SET system_prompt = ? WHERE trim(system_prompt) = ''").run(ROUND1_DEFAULT_INSTRUCTIONS);
  },
};
