import { useEffect } from 'react';
import type { NaviClient } from '../../../shared/contract';
import { startRecallNotifications } from '../notifications/recallNotifications';

/** Shows a notification when a recall fires or fails (browser host only; see recallNotifications). */
export function useRecallNotifications(api: NaviClient): void {
  useEffect(() => {
    const notifications = startRecallNotifications(api);
    return () => notifications.dispose();
  }, [api]);
}
