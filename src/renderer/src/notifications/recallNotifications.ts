import type { AppEvent, NaviClient } from '../../../shared/contract';
import type { Disposable } from '../../../shared/rpc';
import { conversationRoute } from '../routing/route';
import { navigate } from '../routing/navigation';
import { useNotificationPermissionStore } from '../stores/notificationPermissionStore';
import { notificationsSupported } from './browserHost';
import { electNotifier } from './notifierLeadership';

type RecallFired = Extract<AppEvent, { type: 'recall-fired' }>;
type ApprovalNeeded = Extract<AppEvent, { type: 'approval-needed' }>;

/** The person's "notifications" preference, asked at the moment it matters (it can change anywhere). */
async function notificationsWanted(api: NaviClient): Promise<boolean> {
  try {
    return (await api.shell.get()).prefs.notifications;
  } catch {
    return true; // a shell without preferences: the browser permission alone decides
  }
}

/** A recall fired or failed, or a recall run waits for a person's OK. */
function isNotified(event: AppEvent): event is RecallFired | ApprovalNeeded {
  return event.type === 'recall-fired' || (event.type === 'approval-needed' && event.recallId !== null);
}

function show(event: RecallFired | ApprovalNeeded): void {
  // The core words both kinds (shared/recalls/recallNotice for recalls).
  const notification = new Notification(event.title, {
    body: event.text,
    // One per recall (or approval): a later one replaces an older one; a duplicate from another tab is merged.
    tag: event.type === 'approval-needed' ? `navi-approval-${event.approvalId}` : `navi-recall-${event.recallId}`,
  });
  notification.onclick = () => {
    window.focus();
    navigate(conversationRoute(event.sessionId));
    notification.close();
  };
}

/**
 * In the browser host, turns `recall-fired` events, and a recall run waiting for a person's OK
 * (`approval-needed`: its click opens the conversation with the card), into Web Notifications (the
 * desktop app's main process shows its own). Shown only when the browser allows it, the shell's "notifications"
 * preference is on, and this tab is the elected notifier (see `electNotifier`).
 */
export function startRecallNotifications(api: NaviClient): Disposable {
  if (!notificationsSupported) return { dispose: () => {} };
  const leadership = electNotifier();
  const subscription = api.events.onAppEvent(undefined, (event) => {
    if (!isNotified(event) || !leadership.isLeader()) return;
    // Permission may have been granted or revoked in the browser's own settings meanwhile.
    const permission = Notification.permission;
    if (useNotificationPermissionStore.getState().permission !== permission) {
      useNotificationPermissionStore.setState({ permission });
    }
    if (permission !== 'granted') return;
    void notificationsWanted(api).then((wanted) => {
      if (wanted && leadership.isLeader()) show(event);
    });
  });
  return {
    dispose: () => {
      subscription.dispose();
      leadership.dispose();
    },
  };
}
