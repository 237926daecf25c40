import type { ConfirmStdioCommands, StdioCommandReview } from '../core/mcp/commandConfirmation';
import type { DesktopElectron } from './electronApi';

/** A command line as a shell would show it: arguments with spaces or quotes are quoted. */
export function commandLine(command: string, args: readonly string[]): string {
  const quote = (part: string): string => (/^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part));
  return [command, ...args].map(quote).join(' ');
}

function describe(review: StdioCommandReview): string {
  const lines = [`${review.serverName}:  ${commandLine(review.command, review.args)}`];
  if (review.cwd) lines.push(`  in ${review.cwd}`);
  if (review.env.length > 0) {
    const names = review.env.map((entry) => (entry.newValue ? `${entry.name} (new value)` : entry.name));
    lines.push(`  with ${names.join(', ')}`);
  }
  return lines.join('\n');
}

/**
 * The desktop's answer to the core's command confirmation: a native dialog from the main process,
 * which no page (however compromised) can see into or click. Cancel is the default button.
 */
export function createCommandDialog(electron: Pick<DesktopElectron, 'dialog'>): ConfirmStdioCommands {
  return async (reviews) => {
    const one = reviews.length === 1 ? reviews[0] : undefined;
    const { response } = await electron.dialog.showMessageBox({
      type: 'warning',
      title: 'Run a program?',
      message: one
        ? one.change === 'add'
          ? `Let Navi run a program as the MCP server "${one.serverName}"?`
          : `Let Navi run the changed program of the MCP server "${one.serverName}"?`
        : `Let Navi run ${reviews.length} programs as MCP servers?`,
      detail: `${reviews.map(describe).join('\n\n')}\n\nA program runs with your permissions and can read and change your files. Allow only programs you trust.`,
      buttons: [one ? 'Run Program' : 'Run Programs', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    return response === 0;
  };
}
