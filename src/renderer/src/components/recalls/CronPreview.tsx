import { useMemo } from 'react';
import { cronInWords } from './describeSchedule';
import { nextCronRun } from './cronNextRun';
import { formatFullDateTime, isoStamp, formatRelative, formatRunTime } from './formatTime';

interface CronPreviewProps {
  readonly expression: string;
  readonly timeZone: string;
  readonly id: string;
  readonly now: number;
}

type Preview = { words: string; next: number | undefined } | { error: string };

function preview(expression: string, timeZone: string, now: number): Preview {
  try {
    const words = cronInWords(expression);
    return { words, next: nextCronRun(expression, timeZone, now) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: reason.replace(/^Error: /, '') };
  }
}

/** What a cron expression means while it is typed: in words, and when it would run next (local time). */
export function CronPreview({ expression, timeZone, id, now }: CronPreviewProps) {
  const result = useMemo(
    () => (expression.trim() ? preview(expression, timeZone, now) : undefined),
    [expression, timeZone, now],
  );
  return (
    <p className="cron-preview" id={id} aria-live="polite">
      {!result ? (
        <span className="muted">Five fields: minute, hour, day of month, month, day of week.</span>
      ) : 'error' in result ? (
        <span className="cron-preview-error">Not a valid cron expression yet: {result.error}</span>
      ) : (
        <>
          <span className="cron-words">
            {result.words} ({timeZone})
          </span>
          {result.next !== undefined && (
            <span className="muted">
              {' '}
              · next run{' '}
              <time dateTime={isoStamp(result.next)} title={formatFullDateTime(result.next)}>
                {formatRunTime(result.next, now, true)}
              </time>{' '}
              ({formatRelative(result.next, now)})
            </span>
          )}
        </>
      )}
    </p>
  );
}
