import type { Migration } from './types';

/**
 * Model providers, agent profiles and general agent settings. API keys are never stored here: they
 * live in the Secrets port (encrypted by the shell) or come from the environment.
 * `profiles.provider_id` has no foreign key because a profile may use a provider configured by
 * environment variables, which exists only in memory.
 */
export const agentSettings: Migration = {
  version: 4,
  name: 'agent-settings',
  up(db) {
    db.exec(`
      CREATE TABLE providers (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('openai', 'openai-compatible', 'anthropic')),
        name TEXT NOT NULL,
        base_url TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE profiles (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        system_prompt TEXT NOT NULL DEFAULT '',
        provider_id TEXT NOT NULL,
        model TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE agent_settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
