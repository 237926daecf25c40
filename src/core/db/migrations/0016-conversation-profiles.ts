import type { Migration } from './types';

/**
 * Conversations keep their profile and model only while those exist.
 *
 * - Deleting a profile sends its conversations back to the default profile (`profile_id` NULL);
 *   deleting a provider drops the model conversations chose on it (back to their profile's).
 * - Profiles the guided setup saved after version 8 got empty instructions (it sent ''); they get
 *   the default ones, as version 8 gave round 1's.
 */
/** The default instructions as they were when this migration was written (kept here as they were then). */
const DEFAULT_INSTRUCTIONS_AT_16 =
  'You are Navi, a helpful assistant in a desktop app. Answer clearly and concisely. ' +
  'Use the tools you have when they help, and say so when you could not do something.';

export const conversationProfiles: Migration = {
  version: 16,
  name: 'conversation-profiles',
  up(db) {
    db.exec(`
      CREATE TRIGGER profiles_deleted_leave_conversations AFTER DELETE ON profiles BEGIN
        UPDATE sessions SET profile_id = NULL WHERE profile_id = OLD.id;
      END;
      CREATE TRIGGER providers_deleted_leave_conversations AFTER DELETE ON providers BEGIN
        UPDATE sessions SET provider_id = NULL, model = NULL WHERE provider_id = OLD.id;
      END;
      UPDATE sessions SET profile_id = NULL
        WHERE profile_id IS NOT NULL AND profile_id NOT LIKE 'env-%' AND profile_id NOT IN (SELECT id FROM profiles);
      UPDATE sessions SET provider_id = NULL, model = NULL
        WHERE provider_id IS NOT NULL AND provider_id NOT LIKE 'env-%' AND provider_id NOT IN (SELECT id FROM providers);
    `);
    db.prepare("UPDATE profiles SET system_prompt = ? WHERE trim(system_prompt) = ''").run(DEFAULT_INSTRUCTIONS_AT_16);
  },
};
