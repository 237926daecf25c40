import type { Migration } from './types';

/**
 * Tool approval: the rules people set per built-in tool, per MCP server and per MCP tool
 * (`tool_policies`; a server's rules go with it), the log of every tool call per conversation
 * with who or what allowed it (`tool_runs`; goes with its conversation), and each recall's
 * unattended policy (wait for a person's OK, or deny and continue).
 */
export const toolApproval: Migration = {
  version: 12,
  name: 'tool-approval',
  up(db) {
    db.exec(`
      CREATE TABLE tool_policies (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('builtin', 'server', 'mcp-tool')),
        server_id TEXT REFERENCES mcp_servers (id) ON DELETE CASCADE,
        tool_name TEXT,
        policy TEXT NOT NULL CHECK (policy IN ('allow', 'ask', 'never')),
        updated_at INTEGER NOT NULL,
        CHECK (
          (kind = 'builtin' AND server_id IS NULL AND tool_name IS NOT NULL) OR
          (kind = 'server' AND server_id IS NOT NULL AND tool_name IS NULL) OR
          (kind = 'mcp-tool' AND server_id IS NOT NULL AND tool_name IS NOT NULL)
        )
      ) STRICT;
      CREATE UNIQUE INDEX tool_policies_target ON tool_policies (kind, COALESCE(server_id, ''), COALESCE(tool_name, ''));

      CREATE TABLE tool_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        run_id TEXT NOT NULL,
        tool_call_id TEXT NOT NULL,
        tool_name TEXT NOT NULL,
        tool_label TEXT NOT NULL,
        server_name TEXT,
        input TEXT NOT NULL CHECK (json_valid(input)),
        input_truncated INTEGER NOT NULL DEFAULT 0 CHECK (input_truncated IN (0, 1)),
        origin TEXT NOT NULL CHECK (origin IN ('user', 'recall')),
        decision TEXT NOT NULL CHECK (decision IN ('pending', 'allowed', 'denied', 'expired', 'cancelled')),
        decided_by TEXT,
        reason TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        decided_at INTEGER,
        outcome TEXT CHECK (outcome IS NULL OR outcome IN ('succeeded', 'failed')),
        UNIQUE (run_id, tool_call_id)
      ) STRICT;
      CREATE INDEX tool_runs_by_session ON tool_runs (session_id, id DESC);

      ALTER TABLE recalls ADD COLUMN unattended_policy TEXT NOT NULL DEFAULT 'wait'
        CHECK (unattended_policy IN ('wait', 'deny'));
    `);
  },
};
