import type { OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { Secrets } from '../../secrets/secrets';

/** What Navi keeps of one server's OAuth sign-in. */
export interface OAuthRecord {
  /** The registration (dynamic client registration) made with the server's authorization server. */
  readonly client?: OAuthClientInformationMixed;
  readonly tokens?: OAuthTokens;
  /** When the tokens were received (their `expires_in` counts from here). */
  readonly tokensAt?: number;
  readonly codeVerifier?: string;
  readonly discovery?: OAuthDiscoveryState;
}

export function oauthSecretName(serverId: string): string {
  return `mcp.${serverId}.oauth`;
}

/**
 * OAuth records in the Secrets port (encrypted at rest on the desktop). Where there is no secure
 * store (the browser host) they are kept in memory only: a sign-in lasts until Navi stops.
 */
export class OAuthRecordStore {
  private readonly memory = new Map<string, OAuthRecord>();
  /** Writes one after another per server, so a refresh and a sign-out cannot interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly secrets: Secrets) {}

  async get(serverId: string): Promise<OAuthRecord> {
    if (!this.secrets.canStore) return this.memory.get(serverId) ?? {};
    try {
      const text = await this.secrets.get(oauthSecretName(serverId));
      return text ? (JSON.parse(text) as OAuthRecord) : {};
    } catch {
      return {};
    }
  }

  update(serverId: string, change: (record: OAuthRecord) => OAuthRecord): Promise<void> {
    const previous = this.queues.get(serverId) ?? Promise.resolve();
    const next = previous
      .catch(() => {})
      .then(async () => {
        const record = change(await this.get(serverId));
        if (!this.secrets.canStore) this.memory.set(serverId, record);
        else await this.secrets.set(oauthSecretName(serverId), JSON.stringify(record));
      });
    this.queues.set(serverId, next);
    return next;
  }

  async delete(serverId: string): Promise<void> {
    this.memory.delete(serverId);
    await this.update(serverId, () => ({}));
    this.memory.delete(serverId);
    if (this.secrets.canStore) await this.secrets.delete(oauthSecretName(serverId)).catch(() => {});
  }
}
