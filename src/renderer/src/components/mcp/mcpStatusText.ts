import type { McpServerStatus } from '../../../../shared/contract';

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** "Connected · 12 tools", "Connecting…", "Error", "Disabled": the short state a badge shows. */
export function statusLabel(status: McpServerStatus): string {
  switch (status.state) {
    case 'connected':
      return `Connected · ${plural(status.toolCount, 'tool', 'tools')}`;
    case 'connecting':
      return 'Connecting…';
    case 'error':
      return 'Error';
    case 'needs-sign-in':
      return 'Needs sign-in';
    case 'disabled':
      return 'Disabled';
  }
}

/** When Navi tries again by itself, in the reader's local time; undefined when it will not. */
export function retryText(status: McpServerStatus): string | undefined {
  if (status.state !== 'error' || status.retryAt === null) return undefined;
  const at = new Date(status.retryAt).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const attempts = status.failures > 1 ? ` (failed ${status.failures} times in a row)` : '';
  return `Navi tries again at ${at}${attempts}.`;
}
