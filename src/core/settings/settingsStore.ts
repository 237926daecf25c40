import type { Database } from 'better-sqlite3';
import type { MissedRunPolicy } from '../../shared/contract/recalls';
import type { ProviderKind } from '../../shared/contract/settings';

export interface StoredProvider {
  readonly id: string;
  readonly kind: ProviderKind;
  readonly name: string;
  readonly baseUrl: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What a profile sets besides its name, provider and model (the environment's profile stores only these). */
export interface ProfileChoices {
  readonly systemPrompt: string;
  readonly enabledTools: readonly string[] | null;
  readonly enabledMcpServers: readonly string[] | null;
  readonly recallMissedPolicy: MissedRunPolicy | null;
}

export interface StoredProfile extends ProfileChoices {
  readonly id: string;
  readonly name: string;
  readonly providerId: string;
  readonly model: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

interface ProviderRow {
  id: string;
  kind: ProviderKind;
  name: string;
  base_url: string | null;
  created_at: number;
  updated_at: number;
}

interface ProfileRow {
  id: string;
  name: string;
  system_prompt: string;
  provider_id: string;
  model: string;
  created_at: number;
  updated_at: number;
  enabled_tools: string | null;
  enabled_mcp_servers: string | null;
  recall_missed_policy: MissedRunPolicy | null;
}

const toProvider = (row: ProviderRow): StoredProvider => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  baseUrl: row.base_url,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toProfile = (row: ProfileRow): StoredProfile => ({
  id: row.id,
  name: row.name,
  systemPrompt: row.system_prompt,
  providerId: row.provider_id,
  model: row.model,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  enabledTools: nameList(row.enabled_tools),
  enabledMcpServers: nameList(row.enabled_mcp_servers),
  recallMissedPolicy: row.recall_missed_policy,
});

function nameList(json: string | null): string[] | null {
  if (json === null) return null;
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null;
}

/** SQL for the agent settings tables (migration 0004). No API key ever reaches this class. */
export class SettingsStore {
  constructor(private readonly db: Database) {}

  listProviders(): StoredProvider[] {
    const rows = this.db.prepare('SELECT * FROM providers ORDER BY created_at, rowid').all() as ProviderRow[];
    return rows.map(toProvider);
  }

  getProvider(id: string): StoredProvider | undefined {
    const row = this.db.prepare('SELECT * FROM providers WHERE id = ?').get(id) as ProviderRow | undefined;
    return row && toProvider(row);
  }

  insertProvider(provider: StoredProvider): void {
    this.db
      .prepare('INSERT INTO providers (id, kind, name, base_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(provider.id, provider.kind, provider.name, provider.baseUrl, provider.createdAt, provider.updatedAt);
  }

  updateProvider(provider: StoredProvider): void {
    this.db
      .prepare('UPDATE providers SET name = ?, base_url = ?, updated_at = ? WHERE id = ?')
      .run(provider.name, provider.baseUrl, provider.updatedAt, provider.id);
  }

  deleteProvider(id: string): boolean {
    return this.db.prepare('DELETE FROM providers WHERE id = ?').run(id).changes > 0;
  }

  listProfiles(): StoredProfile[] {
    const rows = this.db.prepare('SELECT * FROM profiles ORDER BY created_at, rowid').all() as ProfileRow[];
    return rows.map(toProfile);
  }

  getProfile(id: string): StoredProfile | undefined {
    const row = this.db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as ProfileRow | undefined;
    return row && toProfile(row);
  }

  findProfileByName(name: string): StoredProfile | undefined {
    const row = this.db.prepare('SELECT * FROM profiles WHERE name = ? COLLATE NOCASE').get(name) as
      ProfileRow | undefined;
    return row && toProfile(row);
  }

  profilesUsingProvider(providerId: string): StoredProfile[] {
    const rows = this.db
      .prepare('SELECT * FROM profiles WHERE provider_id = ? ORDER BY created_at, rowid')
      .all(providerId) as ProfileRow[];
    return rows.map(toProfile);
  }

  saveProfile(profile: StoredProfile): void {
    this.db
      .prepare(
        `INSERT INTO profiles (id, name, system_prompt, provider_id, model, created_at, updated_at,
           enabled_tools, enabled_mcp_servers, recall_missed_policy)
         VALUES (@id, @name, @systemPrompt, @providerId, @model, @createdAt, @updatedAt,
           @enabledTools, @enabledMcpServers, @recallMissedPolicy)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, system_prompt = excluded.system_prompt,
           provider_id = excluded.provider_id, model = excluded.model, updated_at = excluded.updated_at,
           enabled_tools = excluded.enabled_tools, enabled_mcp_servers = excluded.enabled_mcp_servers,
           recall_missed_policy = excluded.recall_missed_policy`,
      )
      .run({
        ...profile,
        enabledTools: profile.enabledTools === null ? null : JSON.stringify(profile.enabledTools),
        enabledMcpServers: profile.enabledMcpServers === null ? null : JSON.stringify(profile.enabledMcpServers),
      });
  }

  deleteProfile(id: string): boolean {
    return this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id).changes > 0;
  }

  getValue(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM agent_settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  setValue(key: string, value: unknown): void {
    this.db
      .prepare(
        'INSERT INTO agent_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, JSON.stringify(value));
  }

  deleteValue(key: string): void {
    this.db.prepare('DELETE FROM agent_settings WHERE key = ?').run(key);
  }
}
