import type { ToolRunEntry } from '../../../../shared/contract';
import { toolDisplayName } from '../../../../shared/contract/display';

/** What a recall run asked a person about (tool approvals), and how each was answered. */
export function RunApprovals({ approvals }: { readonly approvals: readonly ToolRunEntry[] | undefined }) {
  if (!approvals || approvals.length === 0) return null;
  return (
    <ul className="history-approvals" aria-label="Asked for your OK">
      {approvals.map((entry) => (
        <li key={entry.id}>
          Asked to run <span className="tool-name">{toolDisplayName(entry.toolLabel, entry.serverName)}</span>:{' '}
          {entry.reason}
        </li>
      ))}
    </ul>
  );
}
