import type { Database, Statement } from 'better-sqlite3';
import type { PolicyTarget, ToolPolicy } from '../../shared/contract';
import { Emitter, type Event } from '../../shared/rpc/emitter';
import { mcpToolKey, type PolicyRules } from './toolPolicy';

interface PolicyRow {
  kind: PolicyTarget['kind'];
  server_id: string | null;
  tool_name: string | null;
  policy: ToolPolicy;
}

function columns(target: PolicyTarget): { kind: string; serverId: string | null; toolName: string | null } {
  switch (target.kind) {
    case 'builtin':
      return { kind: target.kind, serverId: null, toolName: target.tool };
    case 'server':
      return { kind: target.kind, serverId: target.serverId, toolName: null };
    case 'mcp-tool':
      return { kind: target.kind, serverId: target.serverId, toolName: target.tool };
  }
}

/**
 * The tool rules people set, in SQLite, with an in-memory copy that every tool call reads (rules
 * change rarely; calls are frequent). A server's rules are deleted with it by the foreign key.
 */
export class ToolPolicyStore {
  private readonly sql: ReturnType<ToolPolicyStore['prepare']>;
  private cached: PolicyRules | undefined;
  private readonly changed = new Emitter<void>();
  readonly onChanged: Event<void> = this.changed.event;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      all: db.prepare('SELECT kind, server_id, tool_name, policy FROM tool_policies') as Statement<[], PolicyRow>,
      remove: db.prepare(
        "DELETE FROM tool_policies WHERE kind = @kind AND COALESCE(server_id, '') = COALESCE(@serverId, '') AND COALESCE(tool_name, '') = COALESCE(@toolName, '')",
      ),
      insert: db.prepare(
        'INSERT INTO tool_policies (kind, server_id, tool_name, policy, updated_at) VALUES (@kind, @serverId, @toolName, @policy, @now)',
      ),
      serverExists: db.prepare('SELECT 1 FROM mcp_servers WHERE id = ?').pluck() as Statement<[string], number>,
    };
  }

  /** The rules as they are now (read from the database once, then kept until something changes). */
  rules(): PolicyRules {
    if (this.cached) return this.cached;
    const builtins = new Map<string, ToolPolicy>();
    const servers = new Map<string, ToolPolicy>();
    const mcpTools = new Map<string, ToolPolicy>();
    for (const row of this.sql.all.all()) {
      if (row.kind === 'builtin' && row.tool_name !== null) builtins.set(row.tool_name, row.policy);
      else if (row.kind === 'server' && row.server_id !== null) servers.set(row.server_id, row.policy);
      else if (row.kind === 'mcp-tool' && row.server_id !== null && row.tool_name !== null)
        mcpTools.set(mcpToolKey(row.server_id, row.tool_name), row.policy);
    }
    this.cached = { builtins, servers, mcpTools };
    return this.cached;
  }

  /** Whether a server a rule would be about still exists (rules for removed servers cannot be set). */
  serverExists(serverId: string): boolean {
    return this.sql.serverExists.get(serverId) !== undefined;
  }

  /** Sets the rule for a target; null removes it (back to the server's rule or the default). */
  set(target: PolicyTarget, policy: ToolPolicy | null): void {
    const params = columns(target);
    this.db.transaction(() => {
      this.sql.remove.run(params);
      if (policy !== null) this.sql.insert.run({ ...params, policy, now: this.now() });
    })();
    this.invalidate();
  }

  /** Forgets the in-memory copy (after a change made elsewhere, such as a removed server). */
  invalidate(): void {
    this.cached = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
