import type { McpTransport } from '../../shared/contract/mcp';

/**
 * An environment variable or header as stored: its name, and either a reference into Navi's
 * environment (`"${GITHUB_TOKEN}"`, `"Bearer ${API_KEY}"`) or `null` when the value is in the Secrets port.
 */
export interface SecretKeyEntry {
  readonly name: string;
  readonly reference: string | null;
}

/** A server's settings as the store keeps them (no secret values). */
export interface StoredMcpServer {
  readonly id: string;
  readonly name: string;
  readonly transport: McpTransport;
  readonly command: string | null;
  readonly args: readonly string[];
  readonly cwd: string | null;
  readonly env: readonly SecretKeyEntry[];
  readonly url: string | null;
  readonly headers: readonly SecretKeyEntry[];
  readonly enabled: boolean;
  readonly disabledTools: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What a connection needs: the settings with every env/header value filled in (memory only). */
export type ResolvedMcpServer =
  | {
      readonly transport: 'stdio';
      readonly id: string;
      readonly name: string;
      readonly command: string;
      readonly args: readonly string[];
      readonly cwd: string | undefined;
      readonly env: Readonly<Record<string, string>>;
    }
  | {
      readonly transport: 'http';
      readonly id: string;
      readonly name: string;
      readonly url: string;
      readonly headers: Readonly<Record<string, string>>;
    };

/** Whether two versions of a server's settings connect the same way (so a running connection can stay). */
export function sameConnectionSettings(a: StoredMcpServer, b: StoredMcpServer): boolean {
  return (
    a.transport === b.transport &&
    a.command === b.command &&
    a.cwd === b.cwd &&
    a.url === b.url &&
    JSON.stringify(a.args) === JSON.stringify(b.args) &&
    JSON.stringify(a.env) === JSON.stringify(b.env) &&
    JSON.stringify(a.headers) === JSON.stringify(b.headers)
  );
}
