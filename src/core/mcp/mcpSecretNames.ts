/** The name a server's env or header value has in the Secrets port. */
export function mcpSecretName(serverId: string, kind: 'env' | 'header', key: string): string {
  // Header names are case-insensitive: one secret per header whatever its spelling.
  return `mcp.${serverId}.${kind}.${kind === 'header' ? key.toLowerCase() : key}`;
}
