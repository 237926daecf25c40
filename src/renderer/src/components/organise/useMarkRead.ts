import { useEffect } from 'react';
import type { NaviClient, Session } from '../../../../shared/contract';

/**
 * A conversation marked unread (a recall replied while no window showed it) is read once this
 * window shows it: now if the window is visible, else when it next becomes visible.
 */
export function useMarkRead(api: NaviClient, session: Session | undefined): void {
  const id = session?.unread ? session.id : undefined;
  useEffect(() => {
    if (!id) return;
    const markIfVisible = (): void => {
      if (document.visibilityState !== 'visible') return;
      // A failure leaves the mark; the next showing tries again.
      api.sessions.markRead({ id }).catch(() => {});
    };
    markIfVisible();
    document.addEventListener('visibilitychange', markIfVisible);
    return () => document.removeEventListener('visibilitychange', markIfVisible);
  }, [api, id]);
}
