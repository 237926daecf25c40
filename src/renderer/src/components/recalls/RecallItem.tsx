import { memo, useId, useState } from 'react';
import type { Recall } from '../../../../shared/contract';
import { conversationRoute, routeHash } from '../../routing/route';
import { DeleteRecallDialog } from './DeleteRecallDialog';
import { RelativeTime, RunTime } from './LiveTime';
import { RecallActions } from './RecallActions';
import { RecallLastOutcome } from './RecallLastOutcome';
import { RecallStatusBadge } from './RecallStatusBadge';
import { createdByLabel } from './recallLabels';
import { useRecallCommands } from './useRecallCommands';
import { useWaitingReason } from '../../stores/recallsHealthStore';

interface RecallItemProps {
  readonly recall: Recall;
  /** The conversation's title, linked, where recalls of several conversations are listed. */
  readonly conversationTitle?: string;
  readonly onEdit: (recall: Recall) => void;
}

/** One recall: status, schedule in words, next run, instructions, last outcome, and its actions. */
export const RecallItem = memo(function RecallItem({ recall, conversationTitle, onEdit }: RecallItemProps) {
  const commands = useRecallCommands(recall);
  const [deleting, setDeleting] = useState(false);
  const messageId = useId();
  // A failed run that will be tried again: its next run is the retry.
  const retrying = recall.attempts > 0 && (recall.lastOutcome === 'failed' || recall.lastOutcome === 'interrupted');
  const waiting = useWaitingReason(recall.id);
  return (
    <li className={`recall-item status-${recall.status}`} data-recall-id={recall.id}>
      <div className="recall-main">
        <div className="recall-headline">
          <RecallStatusBadge status={recall.status} />
          <span className="recall-schedule">{recall.scheduleWords}</span>
          {recall.nextRunAt !== null && recall.status !== 'paused' && (
            <span className="recall-next">
              {recall.status === 'running' ? 'Running now' : retrying ? 'Retry ' : 'Next '}
              {recall.status !== 'running' && <RunTime at={recall.nextRunAt} inline />}
              {recall.status !== 'running' && (
                <span className="muted">
                  {' '}
                  (<RelativeTime at={recall.nextRunAt} />)
                </span>
              )}
            </span>
          )}
        </div>
        <p className="recall-message" id={messageId} title={recall.message}>
          {recall.message}
        </p>
        <div className="recall-meta">
          {conversationTitle !== undefined && (
            <a className="recall-conversation" href={routeHash(conversationRoute(recall.sessionId))}>
              {conversationTitle}
            </a>
          )}
          <span>{createdByLabel(recall)}</span>
          {recall.missedPolicy === 'skip' && <span>skips missed runs</span>}
          {recall.unattendedPolicy === 'deny' && <span>denies tools that ask</span>}
          {recall.maxRuns !== null && (
            <span>
              ends after {recall.maxRuns} runs ({recall.runCount} done)
            </span>
          )}
          {recall.endsAt !== null && (
            <span>
              ends <RunTime at={recall.endsAt} inline />
            </span>
          )}
          {recall.notify !== 'always' && (
            <span>{recall.notify === 'never' ? 'no notifications' : 'notifies on failure or attention'}</span>
          )}
          {recall.cancelOnReply && <span>cancelled if you write first</span>}
          <RecallLastOutcome recall={recall} />
        </div>
        {waiting && <p className="recall-waiting">Waiting to retry: {waiting}</p>}
        {commands.error && (
          <p className="inline-error recall-command-error" role="alert">
            {commands.error}
          </p>
        )}
      </div>
      <RecallActions
        recall={recall}
        commands={commands}
        describedBy={messageId}
        onEdit={() => onEdit(recall)}
        onDelete={() => setDeleting(true)}
      />
      {deleting && <DeleteRecallDialog recall={recall} onDone={() => setDeleting(false)} />}
    </li>
  );
});
