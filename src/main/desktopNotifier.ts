import type { Notifier, RecallNotification } from '../core/ports';
import { recallNoticeTitle } from '../shared/recalls/recallNotice';

/** The slice of Electron's Notification this module uses. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface DesktopNotifierOptions {
  readonly isSupported: () => boolean;
  readonly create: (options: { title: string; body: string; silent: boolean }) => NotificationLike;
  /** Opens or focuses a window on the conversation. */
  readonly openSession: (sessionId: string) => void;
  /** Shows Navi (a summary of several conversations opens no particular one). */
  readonly openNavi: () => void;
  readonly enabled: () => boolean;
}

/**
 * Shows "recall fired", "recall failed" and "a recall needs your OK" as OS notifications; a click
 * opens the conversation (where a waiting approval card is).
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
      const item = options.create({ title, body: notification.text, silent: false });
      live.add(item);
      item.on('click', () => {
        live.delete(item);
        if (sessionId === null) options.openNavi();
        else options.openSession(sessionId);
      });
      item.show();
      shown++;
      if (live.size > 20) live.delete(live.values().next().value!);
    },
  };
}
