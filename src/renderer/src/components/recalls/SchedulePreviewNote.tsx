import type { PreviewState } from '../../hooks/useSchedulePreview';
import { formatFullDateTime, formatRelative, formatRunTime, isoStamp } from './formatTime';

interface SchedulePreviewNoteProps {
  readonly id: string;
  readonly preview: PreviewState;
  readonly now: number;
  /** What to say before anything is typed. */
  readonly hint: string;
}

/** The schedule as the core read it, in words, with its next runs; or why it cannot be used. */
export function SchedulePreviewNote({ id, preview, now, hint }: SchedulePreviewNoteProps) {
  return (
    <div className="schedule-preview" id={id} aria-live="polite">
      {preview.state === 'empty' ? (
        <span className="muted">{hint}</span>
      ) : preview.state === 'reading' ? (
        <span className="muted">Reading…</span>
      ) : preview.preview.problem !== null ? (
        <span className="schedule-preview-error">{preview.preview.problem}</span>
      ) : (
        <>
          <span className="schedule-words">{preview.preview.words}</span>
          <div className="schedule-runs-row">
            <span className="muted" aria-hidden="true">
              {preview.preview.nextRuns.length === 1 ? 'Runs:' : 'Next:'}
            </span>
            <ol className="schedule-runs" aria-label="Next runs">
              {preview.preview.nextRuns.map((run, index) => (
                <li key={run}>
                  <time dateTime={isoStamp(run)} title={formatFullDateTime(run)}>
                    {formatRunTime(run, now, index > 0)}
                  </time>
                  {index === 0 && <span className="muted"> ({formatRelative(run, now)})</span>}
                </li>
              ))}
            </ol>
          </div>
        </>
      )}
    </div>
  );
}
