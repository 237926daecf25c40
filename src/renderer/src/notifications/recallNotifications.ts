import type { AppEvent, NaviClient } from '../../../shared/contract';
import type { Disposable } from '../../../shared/rpc';
import { conversationRoute, SCHEDULED } from '../routing/route';
import { navigate } from '../routing/navigation';
import { useNotificationPermissionStore } from '../stores/notificationPermissionStore';
import { notificationsSupported } from './browserHost';
import { electNotifier } from './notifierLeadership';

type RecallFired = Extract<AppEvent, { type: 'recall-fired' }>;
type ApprovalNeeded = Extract<AppEvent, { type: 'approval-needed' }>;
type QuietHoursEnded = Extract<AppEvent, { type: 'quiet-hours-ended' }>;
type Notified = RecallFired | ApprovalNeeded | QuietHoursEnded;

/** The person's "notifications" preference, asked at the moment it matters (it can change anywhere). */
async function notificationsWanted(api: NaviClient): Promise<boolean> {
  try {
    return (await api.shell.get()).prefs.notifications;
  } catch {
    return true; // a shell without preferences: the browser permission alone decides
  }
}

/**
 * A recall fired or failed (unless quiet hours held it), a recall run waits for a person's OK, or
 * quiet hours ended with notifications held.
 */
function isNotified(event: AppEvent): event is Notified {
  if (event.type === 'recall-fired') return !event.held;
  return event.type === 'quiet-hours-ended' || (event.type === 'approval-needed' && event.recallId !== null);
}

/** One per recall, approval or summary: a later one replaces an older one; a duplicate from another tab is merged. */
function tagOf(event: Notified): string {
  if (event.type === 'approval-needed') return `navi-approval-${event.approvalId}`;
  if (event.type === 'quiet-hours-ended') return 'navi-quiet-hours';
  return `navi-recall-${event.recallId}`;
}

function show(event: Notified): void {
  // The core words every kind (shared/recalls/recallNotice for recalls and the quiet-hours summary).
  const notification = new Notification(event.title, { body: event.text, tag: tagOf(event) });
  notification.onclick = () => {
    window.focus();
    // A summary across conversations opens the Scheduled view, whose run history lists them.
    navigate(event.sessionId === null ? SCHEDULED : conversationRoute(event.sessionId));
    notification.close();
  };
}

/**
 * In the browser host, turns `recall-fired` events, a recall run waiting for a person's OK
 * (`approval-needed`: its click opens the conversation with the card) and the quiet-hours summary
 * (`quiet-hours-ended`) into Web Notifications (the
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
