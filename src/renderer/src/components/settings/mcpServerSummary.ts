import type { McpServer } from '../../../../shared/contract';

/** Quotes an argument only where a person would need to (spaces, quotes, empty). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `"${word.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** "npx -y @modelcontextprotocol/server-everything" or the URL: what the card's meta line shows. */
export function connectionSummary(server: McpServer): string {
  if (server.transport === 'http') return server.url ?? '';
  return [server.command ?? '', ...server.args].map(shellWord).join(' ');
}

/** "2 environment variables", "1 header", or "" — names only, never values. */
export function entriesSummary(server: McpServer): string {
  const [count, noun] =
    server.transport === 'http' ? [server.headers.length, 'header'] : [server.env.length, 'environment variable'];
  if (count === 0) return '';
  const missing = (server.transport === 'http' ? server.headers : server.env).filter((entry) => entry.missing).length;
  return `${count} ${noun}${count === 1 ? '' : 's'}${missing > 0 ? ` (${missing} missing)` : ''}`;
}
