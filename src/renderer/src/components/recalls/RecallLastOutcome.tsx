import type { Recall } from '../../../../shared/contract';
import { RunTime } from './LiveTime';
import { OUTCOME_LABEL, outcomeTone } from './recallLabels';

/** "Last run: Succeeded, today 14:05"; an error opens below (and shows on hover). */
export function RecallLastOutcome({ recall }: { readonly recall: Recall }) {
  if (!recall.lastOutcome) return <span>Not run yet</span>;
  const label = OUTCOME_LABEL[recall.lastOutcome];
  const summary = (
    <>
      Last run:{' '}
      <span className={`recall-outcome tone-${outcomeTone(recall.lastOutcome)}`} data-outcome={recall.lastOutcome}>
        {label}
      </span>
      {recall.lastRunAt !== null && (
        <>
          , <RunTime at={recall.lastRunAt} inline />
        </>
      )}
    </>
  );
  if (!recall.lastError) return <span className="recall-last">{summary}</span>;
  return (
    <details className="recall-last recall-error" title={recall.lastError}>
      <summary>
        {summary} <span className="recall-error-toggle">· details</span>
      </summary>
      <p className="recall-error-text">{recall.lastError}</p>
    </details>
  );
}
