import type { Notifier, RecallNotification } from '../core/ports';
import { recallNoticeTitle, SNOOZE_ACTION } from '../shared/recalls/recallNotice';
import type { NotificationLike } from './electronApi';

export type { NotificationLike } from './electronApi';

/** What a notification is made with: Electron's options, with buttons where the platform shows them. */
export interface NotificationOptions {
  readonly title: string;
  readonly body: string;
  readonly silent: boolean;
  readonly actions?: readonly { readonly type: 'button'; readonly text: string }[];
}

export interface DesktopNotifierOptions {
  readonly isSupported: () => boolean;
  /** Whether notifications show buttons here (macOS and Windows do; Linux shows none). */
  readonly supportsActions: boolean;
  readonly create: (options: NotificationOptions) => NotificationLike;
  /** Opens or focuses a window on the conversation. */
  readonly openSession: (sessionId: string) => void;
  /** Shows Navi (a summary of several conversations opens no particular one). */
  readonly openNavi: () => void;
  readonly enabled: () => boolean;
  /** Puts off the recall's next run (the core's recalls.snooze, by SNOOZE_MINUTES). */
  readonly snooze: (recallId: string) => void;
}

/**
 * Shows "recall fired", "recall failed", "a recall needs your OK" and the quiet-hours summary as OS
 * notifications; a click opens the conversation (where a waiting approval card is). Where the
 * platform shows buttons, a recall with a next run gets "Snooze 1 hour".
 */
export function createDesktopNotifier(options: DesktopNotifierOptions): Notifier & { readonly shown: number } {
  // Electron drops notifications that nothing references before they are clicked.
  const live = new Set<NotificationLike>();
  let shown = 0;
  return {
    get shown() {
      return shown;
    },
    notify(notification: RecallNotification) {
      if (!options.enabled() || !options.isSupported()) return;
      const { kind, sessionId } = notification;
      const title =
        notification.title ??
        (kind === 'fired' || kind === 'failed' ? recallNoticeTitle(kind, notification.sessionTitle) : 'Navi');
      const { recallId } = notification;
      const snoozable = options.supportsActions && notification.snoozable === true && recallId !== null;
      const item = options.create({
        title,
        body: notification.text,
        silent: false,
        ...(snoozable ? { actions: [{ type: 'button', text: SNOOZE_ACTION }] } : {}),
      });
      live.add(item);
      item.on('click', () => {
        live.delete(item);
        if (sessionId === null) options.openNavi();
        else options.openSession(sessionId);
      });
      if (snoozable) {
        item.on('action', (details) => {
          if (details.actionIndex !== 0) return;
          live.delete(item);
          options.snooze(recallId);
        });
      }
      item.show();
      shown++;
      if (live.size > 20) live.delete(live.values().next().value!);
    },
  };
}
