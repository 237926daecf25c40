import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  AddMcpServerInput,
  McpConfigChange,
  McpSecretEntry,
  UpdateMcpServerInput,
} from '../../shared/contract/mcp';
import type { Disposable } from '../../shared/rpc/disposable';
import { Emitter, type Event } from '../../shared/rpc/emitter';
import { RpcError } from '../../shared/rpc/errors';
import { SecretStoreUnavailableError, type Secrets } from '../secrets/secrets';
import type { Env } from '../settings/envSettings';
import { parseEnvReference, resolveEnvReference } from './envReference';
import { McpConfigurationError } from './mcpErrors';
import type { ResolvedMcpServer, SecretKeyEntry, StoredMcpServer } from './mcpServerConfig';
import type { McpServerStore } from './mcpServerStore';
import { mcpSecretName } from './mcpSecretNames';
import { serverSlug } from './toolNaming';

export type McpServerDraft = z.output<typeof AddMcpServerInput>;
export type McpServerChange = z.output<typeof UpdateMcpServerInput>;

/** A saved change; `restart` when the connection must start over (values may have changed). */
export interface McpServerChangeEvent extends McpConfigChange {
  readonly restart: boolean;
}

type EntryKind = 'env' | 'header';
interface EntryInput {
  readonly name: string;
  readonly value?: string | undefined;
}
/** An entry about to be saved, with the secret to write (if any). */
interface PlannedEntry {
  readonly entry: SecretKeyEntry;
  readonly secret?: string;
}

const LABEL: Record<EntryKind, string> = { env: 'environment variable', header: 'header' };

export interface McpServerConfigsOptions {
  readonly store: McpServerStore;
  readonly secrets: Secrets;
  readonly env: Env;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/**
 * MCP server settings: rows in SQLite, env and header values in the Secrets port (or, as
 * references like "${GITHUB_TOKEN}", in Navi's environment). Errors are `RpcError`s a person can read.
 */
export class McpServerConfigs implements Disposable {
  private readonly store: McpServerStore;
  private readonly secrets: Secrets;
  private readonly env: Env;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly changes = new Emitter<McpServerChangeEvent>();

  /** Fires after every saved change, whichever window made it. */
  readonly onChanged: Event<McpServerChangeEvent> = this.changes.event;

  constructor(options: McpServerConfigsOptions) {
    this.store = options.store;
    this.secrets = options.secrets;
    this.env = options.env;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  /** False where no secure store exists: values must then refer to the environment. */
  get canStoreSecrets(): boolean {
    return this.secrets.canStore;
  }

  list(): StoredMcpServer[] {
    return this.store.list();
  }

  get(id: string): StoredMcpServer | undefined {
    return this.store.get(id);
  }

  require(id: string): StoredMcpServer {
    const server = this.store.get(id);
    if (!server) throw new RpcError('not_found', 'That MCP server no longer exists');
    return server;
  }

  async add(draft: McpServerDraft): Promise<StoredMcpServer> {
    const name = draft.name.trim();
    this.checkName(name, undefined);
    const id = this.newId();
    const kind: EntryKind = draft.transport === 'stdio' ? 'env' : 'header';
    const planned = this.plan(kind, draft.transport === 'stdio' ? draft.env : draft.headers, []);
    const now = this.now();
    const server: StoredMcpServer = {
      id,
      name,
      transport: draft.transport,
      command: draft.transport === 'stdio' ? draft.command : null,
      args: draft.transport === 'stdio' ? draft.args : [],
      cwd: draft.transport === 'stdio' ? (draft.cwd ?? null) : null,
      env: kind === 'env' ? planned.map((item) => item.entry) : [],
      url: draft.transport === 'http' ? draft.url : null,
      headers: kind === 'header' ? planned.map((item) => item.entry) : [],
      enabled: draft.enabled ?? true,
      disabledTools: [],
      createdAt: now,
      updatedAt: now,
    };
    await this.writeSecrets(id, kind, planned);
    try {
      this.store.insert(server);
    } catch (error) {
      await this.deleteSecrets(id, kind, server[kind === 'env' ? 'env' : 'headers']);
      throw error;
    }
    this.changes.fire({ kind: 'added', serverId: id, restart: true });
    return server;
  }

  async update(change: McpServerChange): Promise<StoredMcpServer> {
    const existing = this.require(change.id);
    const name = change.name.trim();
    this.checkName(name, existing.id);
    const oldKind: EntryKind = existing.transport === 'stdio' ? 'env' : 'header';
    const kind: EntryKind = change.transport === 'stdio' ? 'env' : 'header';
    const oldEntries = oldKind === 'env' ? existing.env : existing.headers;
    const planned = this.plan(
      kind,
      change.transport === 'stdio' ? change.env : change.headers,
      oldKind === kind ? oldEntries : [],
    );
    const entries = planned.map((item) => item.entry);
    const server: StoredMcpServer = {
      ...existing,
      name,
      transport: change.transport,
      command: change.transport === 'stdio' ? change.command : null,
      args: change.transport === 'stdio' ? change.args : [],
      cwd: change.transport === 'stdio' ? (change.cwd ?? null) : null,
      env: kind === 'env' ? entries : [],
      url: change.transport === 'http' ? change.url : null,
      headers: kind === 'header' ? entries : [],
      enabled: change.enabled ?? existing.enabled,
      // Another server's tools have other names: its switches do not carry over.
      disabledTools: existing.transport === change.transport ? existing.disabledTools : [],
      updatedAt: this.now(),
    };
    await this.writeSecrets(existing.id, kind, planned);
    this.store.update(server);
    // Values no longer stored under a kept name: removed entries, entries now read from the environment.
    const stillStored = new Set(
      entries.filter((entry) => entry.reference === null).map((entry) => mcpSecretName(existing.id, kind, entry.name)),
    );
    const dropped = oldEntries.filter((entry) => !stillStored.has(mcpSecretName(existing.id, oldKind, entry.name)));
    await this.deleteSecrets(existing.id, oldKind, dropped);
    this.changes.fire({ kind: 'updated', serverId: existing.id, restart: true });
    return server;
  }

  async remove(id: string): Promise<boolean> {
    const existing = this.store.get(id);
    if (!existing || !this.store.delete(id)) return false;
    await this.deleteSecrets(id, 'env', existing.env);
    await this.deleteSecrets(id, 'header', existing.headers);
    this.changes.fire({ kind: 'removed', serverId: id, restart: false });
    return true;
  }

  setEnabled(id: string, enabled: boolean): StoredMcpServer {
    const existing = this.require(id);
    if (existing.enabled === enabled) return existing;
    const server = { ...existing, enabled, updatedAt: this.now() };
    this.store.update(server);
    this.changes.fire({ kind: 'updated', serverId: id, restart: false });
    return server;
  }

  setToolEnabled(id: string, tool: string, enabled: boolean): StoredMcpServer {
    const existing = this.require(id);
    if (existing.disabledTools.includes(tool) !== enabled) return existing;
    const disabled = new Set(existing.disabledTools);
    if (enabled) disabled.delete(tool);
    else disabled.add(tool);
    const server = { ...existing, disabledTools: [...disabled].sort(), updatedAt: this.now() };
    this.store.update(server);
    this.changes.fire({ kind: 'updated', serverId: id, restart: false });
    return server;
  }

  /** The settings with every value filled in, for connecting. Throws McpConfigurationError naming what is missing. */
  async resolve(server: StoredMcpServer): Promise<ResolvedMcpServer> {
    const problems: string[] = [];
    const values = async (kind: EntryKind, entries: readonly SecretKeyEntry[]) => {
      const result: Record<string, string> = {};
      for (const entry of entries) {
        const value = await this.valueOf(server.id, kind, entry);
        if (value === undefined) problems.push(this.missingMessage(kind, entry));
        else result[entry.name] = value;
      }
      return result;
    };
    const env = await values('env', server.env);
    const headers = await values('header', server.headers);
    if (problems.length > 0) throw new McpConfigurationError(problems.join(' '));
    if (server.transport === 'stdio') {
      return {
        transport: 'stdio',
        id: server.id,
        name: server.name,
        command: server.command ?? '',
        args: server.args,
        cwd: server.cwd ?? undefined,
        env,
      };
    }
    return { transport: 'http', id: server.id, name: server.name, url: server.url ?? '', headers };
  }

  /** The env and header entries as the settings list shows them (never the values). */
  async entryViews(server: StoredMcpServer): Promise<{ env: McpSecretEntry[]; headers: McpSecretEntry[] }> {
    const view = async (kind: EntryKind, entries: readonly SecretKeyEntry[]) =>
      Promise.all(
        entries.map(async (entry): Promise<McpSecretEntry> => ({
          name: entry.name,
          source: entry.reference === null ? 'stored' : 'environment',
          reference: entry.reference,
          missing: (await this.valueOf(server.id, kind, entry)) === undefined,
        })),
      );
    return { env: await view('env', server.env), headers: await view('header', server.headers) };
  }

  dispose(): void {
    this.changes.dispose();
  }

  private checkName(name: string, ownId: string | undefined): void {
    const slug = serverSlug(name);
    for (const other of this.store.list()) {
      if (other.id === ownId) continue;
      if (other.name.toLowerCase() === name.toLowerCase()) {
        throw new RpcError('conflict', `An MCP server named "${other.name}" already exists`);
      }
      if (serverSlug(other.name) === slug) {
        throw new RpcError(
          'conflict',
          `The name "${name}" is too close to the server "${other.name}": names must differ in more than case and punctuation, because the agent tells servers' tools apart by them`,
        );
      }
    }
  }

  /** Decides where each value goes; entries without a value keep their current one. */
  private plan(kind: EntryKind, inputs: readonly EntryInput[], current: readonly SecretKeyEntry[]): PlannedEntry[] {
    const same = (a: string, b: string) => (kind === 'header' ? a.toLowerCase() === b.toLowerCase() : a === b);
    return inputs.map((input): PlannedEntry => {
      if (input.value === undefined) {
        const kept = current.find((entry) => same(entry.name, input.name));
        if (!kept) throw new RpcError('invalid_input', `Enter a value for the ${LABEL[kind]} ${input.name}`);
        return { entry: { name: input.name, reference: kept.reference } };
      }
      if (parseEnvReference(input.value)) return { entry: { name: input.name, reference: input.value.trim() } };
      if (!this.secrets.canStore) throw new RpcError('invalid_input', this.noSecureStoreMessage(kind, input.name));
      return { entry: { name: input.name, reference: null }, secret: input.value };
    });
  }

  private noSecureStoreMessage(kind: EntryKind, name: string): string {
    const example = kind === 'header' ? 'Bearer ${API_TOKEN}' : `\${${name}}`;
    return (
      `The ${LABEL[kind]} ${name}: this host has no secure store, so Navi will not save its value. ` +
      `Set it in Navi's environment and refer to it instead, e.g. "${example}".`
    );
  }

  private missingMessage(kind: EntryKind, entry: SecretKeyEntry): string {
    if (entry.reference !== null) {
      const variable = parseEnvReference(entry.reference)?.variable ?? entry.reference;
      return `The ${LABEL[kind]} ${entry.name} refers to the environment variable ${variable}, which is not set: set it and restart Navi, or enter the value in the server's settings.`;
    }
    return `The stored value of the ${LABEL[kind]} ${entry.name} is missing: enter it again in the server's settings.`;
  }

  private async valueOf(serverId: string, kind: EntryKind, entry: SecretKeyEntry): Promise<string | undefined> {
    if (entry.reference !== null) return resolveEnvReference(entry.reference, this.env);
    try {
      return await this.secrets.get(mcpSecretName(serverId, kind, entry.name));
    } catch {
      return undefined;
    }
  }

  private async writeSecrets(serverId: string, kind: EntryKind, planned: readonly PlannedEntry[]): Promise<void> {
    for (const item of planned) {
      if (item.secret === undefined) continue;
      try {
        await this.secrets.set(mcpSecretName(serverId, kind, item.entry.name), item.secret);
      } catch (error) {
        if (error instanceof SecretStoreUnavailableError) throw new RpcError('invalid_input', error.message);
        throw new RpcError(
          'internal',
          `The value of the ${LABEL[kind]} ${item.entry.name} could not be saved in the secure store.`,
        );
      }
    }
  }

  private async deleteSecrets(serverId: string, kind: EntryKind, entries: readonly SecretKeyEntry[]): Promise<void> {
    for (const entry of entries) {
      try {
        await this.secrets.delete(mcpSecretName(serverId, kind, entry.name));
      } catch {
        // A value that cannot be deleted is unreachable anyway: nothing refers to it any more.
      }
    }
  }
}
