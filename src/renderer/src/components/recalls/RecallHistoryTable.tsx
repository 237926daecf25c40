import type { Recall, RecallRun } from '../../../../shared/contract';
import { conversationRoute, routeHash } from '../../routing/route';
import { RunTime } from './LiveTime';
import { firstLine, OUTCOME_LABEL, outcomeTone } from './recallLabels';
import { RunApprovals } from './RunApprovals';

interface RecallHistoryTableProps {
  readonly runs: readonly RecallRun[];
  readonly recalls: Readonly<Record<string, Recall>>;
  readonly titles: (sessionId: string) => string;
}

function duration(run: RecallRun): string | undefined {
  if (run.finishedAt === null) return undefined;
  const seconds = Math.round((run.finishedAt - run.startedAt) / 1000);
  if (seconds < 1) return undefined;
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** Every run of every recall, newest first: when, where, which recall, how it went, and why not. */
export function RecallHistoryTable({ runs, recalls, titles }: RecallHistoryTableProps) {
  return (
    <table className="recall-history">
      <caption className="sr-only">Run history</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Conversation</th>
          <th scope="col">Recall</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const recall = recalls[run.recallId];
          const took = duration(run);
          return (
            <tr key={run.id}>
              <td className="history-when">
                <RunTime at={run.startedAt} />
                {took && <span className="muted"> · {took}</span>}
              </td>
              <td>
                <a href={routeHash(conversationRoute(run.sessionId))}>{titles(run.sessionId)}</a>
              </td>
              <td className="history-recall" title={recall?.message}>
                {recall ? firstLine(recall.message) : <span className="muted">Deleted recall</span>}
              </td>
              <td>
                <span className={`recall-outcome tone-${outcomeTone(run.outcome)}`} data-outcome={run.outcome}>
                  {OUTCOME_LABEL[run.outcome]}
                </span>
                {run.error && <p className="history-error">{run.error}</p>}
                <RunApprovals approvals={run.approvals} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
