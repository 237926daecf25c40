import { useNow } from '../../hooks/useNow';
import { formatFullDateTime, formatRelative, formatRunTime, isoStamp } from './formatTime';

/**
 * "today 14:05", "Tue 09:00": a time that reads relative to today, kept current by the page's
 * clock (only this label re-renders as days turn). The full date and zone show on hover.
 */
export function RunTime({ at, inline = false }: { readonly at: number; readonly inline?: boolean }) {
  const now = useNow();
  return (
    <time dateTime={isoStamp(at)} title={formatFullDateTime(at)}>
      {formatRunTime(at, now, inline)}
    </time>
  );
}

/** "in 44 seconds", "in 5 minutes", "2 hours ago": counts each second while near, each minute otherwise. */
export function RelativeTime({ at }: { readonly at: number }) {
  const now = useNow([at]);
  return <span className="relative-time">{formatRelative(at, now)}</span>;
}
