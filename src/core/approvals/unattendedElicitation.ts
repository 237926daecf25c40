import { questionNotificationTitle, UNATTENDED_APPROVAL_WAIT_MS, type AppEvent } from '../../shared/contract';
import type { Clock } from '../ports';
import type { RecallRunOptions } from '../sessions/runLifecycle';
import type { UnattendedElicitationPolicy } from '../sessions/runInteractions';
import { whenPersonNeeded } from './unattendedPolicy';

export interface UnattendedElicitationOptions {
  readonly clock: Clock;
  /** Where `approval-needed` goes (the app event bus): windows and the tray notify. */
  readonly publish: (event: AppEvent) => void;
  readonly sessionTitle: (sessionId: string) => string;
}

const WAIT_MINUTES = Math.round(UNATTENDED_APPROVAL_WAIT_MS / 60_000);

/**
 * A server's question in a recall run follows the same rule as a tool approval: the recall's
 * `deny` declines it at once; `wait` notifies and leaves the form open for any window, and cancels
 * it if nobody answered in time (a person's answer first settles it; this one is then ignored).
 */
export function unattendedElicitation(
  options: UnattendedElicitationOptions,
  recall: RecallRunOptions,
): UnattendedElicitationPolicy {
  let asked = 0;
  return ({ sessionId, runId, request, signal }) => {
    const rule = whenPersonNeeded({ isRecall: true, unattendedPolicy: recall.unattendedPolicy }, options.clock.now());
    if (rule.kind === 'deny' || rule.expiresAt === null) return Promise.resolve({ action: 'decline' });
    const sessionTitle = options.sessionTitle(sessionId);
    options.publish({
      type: 'approval-needed',
      sessionId,
      sessionTitle,
      approvalId: `question-${runId}-${++asked}`,
      recallId: recall.recallId,
      title: questionNotificationTitle(request.serverName),
      text: `A recall in “${sessionTitle}” is waiting for your answer (up to ${WAIT_MINUTES} minutes).`,
      expiresAt: rule.expiresAt,
    });
    return new Promise((resolve) => {
      const done = () => {
        options.clock.clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve({ action: 'cancel' });
      };
      const timer = options.clock.setTimeout(done, Math.max(0, rule.expiresAt! - options.clock.now()));
      signal.addEventListener('abort', done, { once: true });
    });
  };
}
