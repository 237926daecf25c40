import { asksForAttention, recallNoticeTitle } from '../../shared/recalls/recallNotice';
import type { AppEventBus } from '../events/appEventBus';
import type { Logger, Notifier, RecallNotification } from '../ports';
import type { SessionStore } from '../store/sessionStore';
import type { StoredRecall } from './recallStore';
import type { RunEnd, RunVerdict } from './runVerdict';

/** Decides whether a recall's notification waits (quiet hours); true: held. */
export interface NoticeGate {
  hold(notification: RecallNotification & { readonly kind: 'fired' | 'failed'; readonly sessionId: string }): boolean;
}

export interface RecallNotificationsOptions {
  readonly sessions: SessionStore;
  readonly bus: AppEventBus;
  readonly logger: Logger;
  readonly notifier?: Notifier;
  /** Holds notifications during quiet hours (absent: never quiet). */
  readonly quietHours?: NoticeGate;
}

/** Tells people a recall ran or gave up: to every window (bus) and, unless held, as a notification. */
export class RecallNotifications {
  constructor(private readonly options: RecallNotificationsOptions) {}

  /** As the recall's notify setting asks: always, on failure or attention, never. */
  notify(recall: StoredRecall, verdict: RunVerdict, end: RunEnd, snoozable: boolean): void {
    const kind = verdict.notify!;
    const reply = end.kind === 'completed' || end.kind === 'max_iterations' ? end.reply : '';
    if (recall.notify === 'never') return;
    if (recall.notify === 'attention' && kind === 'fired' && !asksForAttention(reply)) return;
    const session = this.options.sessions.getSession(recall.sessionId);
    const sessionTitle = session?.title ?? 'Navi';
    const notification = {
      kind,
      recallId: recall.id,
      sessionId: recall.sessionId,
      sessionTitle,
      title: recallNoticeTitle(kind, sessionTitle),
      text: kind === 'fired' ? reply || 'The recall ran.' : (verdict.error ?? 'The recall failed.'),
    };
    let held = false;
    try {
      held = this.options.quietHours?.hold(notification) ?? false;
      // Windows hear it either way (unread marks, lists); they show it only when it is not held.
      this.options.bus.publish({ type: 'recall-fired', ...notification, outcome: verdict.result, held });
      if (!held) this.options.notifier?.notify({ ...notification, snoozable });
    } catch (error) {
      this.options.logger.warn('Could not show a notification:', error);
    }
  }
}
