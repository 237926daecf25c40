import { create } from 'zustand';
import { notificationsSupported } from '../notifications/browserHost';

const DISMISSED_KEY = 'navi.notifications.promptDismissed';

type Permission = NotificationPermission | 'unsupported';

interface NotificationPermissionStore {
  readonly permission: Permission;
  /** The person said "Not now" to the prompt once; remembered for this browser. */
  readonly dismissed: boolean;
  /** Asks the browser; must be called from a click (browsers ignore it otherwise). */
  request(): Promise<void>;
  dismiss(): void;
}

function readDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

export const useNotificationPermissionStore = create<NotificationPermissionStore>((set) => ({
  permission: notificationsSupported ? Notification.permission : 'unsupported',
  dismissed: readDismissed(),
  request: async () => {
    if (!notificationsSupported) return;
    const permission = await Notification.requestPermission();
    set({ permission });
  },
  dismiss: () => {
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Private mode: remembered for this page only.
    }
    set({ dismissed: true });
  },
}));
