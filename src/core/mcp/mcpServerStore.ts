import type { Database } from 'better-sqlite3';
import type { McpTransport } from '../../shared/contract/mcp';
import type { SecretKeyEntry, StoredMcpServer } from './mcpServerConfig';

interface McpServerRow {
  id: string;
  name: string;
  transport: McpTransport;
  command: string | null;
  args: string;
  cwd: string | null;
  env_keys: string;
  url: string | null;
  header_names: string;
  enabled: number;
  disabled_tools: string;
  created_at: number;
  updated_at: number;
}

function parseStrings(json: string): string[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function parseEntries(json: string): SecretKeyEntry[] {
  const value = JSON.parse(json) as unknown;
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { name, reference } = item as { name?: unknown; reference?: unknown };
    if (typeof name !== 'string') return [];
    return [{ name, reference: typeof reference === 'string' ? reference : null }];
  });
}

/** Only names and references: the one place entries are serialised, so values cannot slip in. */
function entriesJson(entries: readonly SecretKeyEntry[]): string {
  return JSON.stringify(entries.map(({ name, reference }) => ({ name, reference })));
}

const toServer = (row: McpServerRow): StoredMcpServer => ({
  id: row.id,
  name: row.name,
  transport: row.transport,
  command: row.command,
  args: parseStrings(row.args),
  cwd: row.cwd,
  env: parseEntries(row.env_keys),
  url: row.url,
  headers: parseEntries(row.header_names),
  enabled: row.enabled === 1,
  disabledTools: parseStrings(row.disabled_tools),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toParams = (server: StoredMcpServer) => ({
  id: server.id,
  name: server.name,
  transport: server.transport,
  command: server.command,
  args: JSON.stringify(server.args),
  cwd: server.cwd,
  envKeys: entriesJson(server.env),
  url: server.url,
  headerNames: entriesJson(server.headers),
  enabled: server.enabled ? 1 : 0,
  disabledTools: JSON.stringify(server.disabledTools),
  createdAt: server.createdAt,
  updatedAt: server.updatedAt,
});

/** SQL for the `mcp_servers` table (migration 0006). No secret value ever reaches this class. */
export class McpServerStore {
  constructor(private readonly db: Database) {}

  list(): StoredMcpServer[] {
    const rows = this.db.prepare('SELECT * FROM mcp_servers ORDER BY created_at, rowid').all() as McpServerRow[];
    return rows.map(toServer);
  }

  get(id: string): StoredMcpServer | undefined {
    const row = this.db.prepare('SELECT * FROM mcp_servers WHERE id = ?').get(id) as McpServerRow | undefined;
    return row && toServer(row);
  }

  insert(server: StoredMcpServer): void {
    this.db
      .prepare(
        `INSERT INTO mcp_servers (id, name, transport, command, args, cwd, env_keys, url, header_names, enabled,
           disabled_tools, created_at, updated_at)
         VALUES (@id, @name, @transport, @command, @args, @cwd, @envKeys, @url, @headerNames, @enabled,
           @disabledTools, @createdAt, @updatedAt)`,
      )
      .run(toParams(server));
  }

  update(server: StoredMcpServer): void {
    this.db
      .prepare(
        `UPDATE mcp_servers SET name = @name, transport = @transport, command = @command, args = @args, cwd = @cwd,
           env_keys = @envKeys, url = @url, header_names = @headerNames, enabled = @enabled,
           disabled_tools = @disabledTools, updated_at = @updatedAt
         WHERE id = @id`,
      )
      .run(toParams(server));
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM mcp_servers WHERE id = ?').run(id).changes > 0;
  }
}
