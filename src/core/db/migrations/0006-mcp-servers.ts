import type { Migration } from './types';

/**
 * MCP server settings. Secret values never land here: `env_keys` and `header_names` hold only the
 * names (plus, for values read from Navi's environment, the reference such as "${GITHUB_TOKEN}");
 * the values themselves live in the Secrets port.
 */
export const mcpServers: Migration = {
  version: 6,
  name: 'mcp-servers',
  up(db) {
    db.exec(`
      CREATE TABLE mcp_servers (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        transport TEXT NOT NULL CHECK (transport IN ('stdio', 'http')),
        command TEXT,
        args TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(args) AND json_type(args) = 'array'),
        cwd TEXT,
        env_keys TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(env_keys) AND json_type(env_keys) = 'array'),
        url TEXT,
        header_names TEXT NOT NULL DEFAULT '[]'
          CHECK (json_valid(header_names) AND json_type(header_names) = 'array'),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        disabled_tools TEXT NOT NULL DEFAULT '[]'
          CHECK (json_valid(disabled_tools) AND json_type(disabled_tools) = 'array'),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (
          (transport = 'stdio' AND command IS NOT NULL AND url IS NULL) OR
          (transport = 'http' AND url IS NOT NULL AND command IS NULL)
        )
      ) STRICT;
    `);
  },
};
