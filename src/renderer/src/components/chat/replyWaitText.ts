import type { RunStatus } from '../../../../shared/contract';

/** Below this, a wait needs no numbers: "thinking…" says enough. */
const QUIET_MS = 5_000;

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/**
 * What a reply waiting for the model says at `now`: how long it has waited, which attempt this is,
 * when it retries and when Navi gives up.
 */
export function replyWaitText(status: RunStatus | undefined, now: number): string {
  if (!status) return 'Navi is thinking…';
  const attempt = status.attempt > 1 ? ` (attempt ${status.attempt} of ${status.maxAttempts})` : '';
  if (status.phase === 'retrying') {
    const wait = status.at - now;
    const reason = status.reason.charAt(0).toUpperCase() + status.reason.slice(1);
    return wait > 500
      ? `${reason}. Retrying ${status.attempt} of ${status.maxAttempts} in ${duration(wait)}…`
      : `${reason}. Retrying ${status.attempt} of ${status.maxAttempts}…`;
  }
  const waited = now - status.since;
  if (waited < QUIET_MS) return `Navi is thinking…${attempt && ` Trying again${attempt}.`}`;
  return `No reply from the model yet (${duration(waited)})${attempt}. Navi gives up in ${duration(status.giveUpAt - now)}.`;
}
