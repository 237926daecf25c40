import type { Disposable } from '../../../shared/rpc';

const LOCK_NAME = 'navi.recall-notifications';

export interface Leadership extends Disposable {
  /** Whether this tab is the one that shows notifications right now. */
  readonly isLeader: () => boolean;
}

/**
 * Several tabs on the browser host all hear every `recall-fired` event, but a person wants one
 * notification, not one per tab. The tabs elect one notifier with the Web Locks API: each asks for
 * the same exclusive lock and holds it for as long as it lives, so exactly one tab holds it at any
 * time and, when that tab closes or reloads, the browser hands it to a waiting one; no timing
 * guesses, nothing left behind by a crashed tab. Where Web Locks are missing, every tab counts as
 * the notifier and the notification's `tag` makes the browser replace duplicates instead of
 * stacking them.
 */
export function electNotifier(): Leadership {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return { isLeader: () => true, dispose: () => {} };
  let leader = false;
  let release: (() => void) | undefined;
  const abort = new AbortController();
  locks
    .request(LOCK_NAME, { signal: abort.signal }, () => {
      leader = true;
      return new Promise<void>((resolve) => (release = resolve));
    })
    .catch(() => {
      // Aborted while waiting: this tab went away before it was its turn.
    });
  return {
    isLeader: () => leader,
    dispose: () => {
      leader = false;
      abort.abort();
      release?.();
    },
  };
}
