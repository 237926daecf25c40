import type { AppEvent, QuietHours } from '../../shared/contract';
import { isQuietAt, quietHoursEnd } from '../../shared/recalls/quietHours';
import { quietHoursSummary } from '../../shared/recalls/recallNotice';
import type { Disposable } from '../../shared/rpc/disposable';
import type { Clock, Logger, Notifier, RecallNotification, TimerHandle } from '../ports';
import { MAX_HELD_NOTICES, type HeldNotice, type HeldNoticeStore } from './heldNotices';

export interface QuietHoursGateOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** The person's quiet hours now (a setting that can change at any time); null: off. */
  readonly quietHours: () => QuietHours | null;
  readonly timeZone: () => string;
  readonly notifier?: Notifier;
  readonly publish: (event: AppEvent) => void;
  /** Keeps what is held across a quit (left out: in memory only). */
  readonly store?: HeldNoticeStore;
  /** Longest the gate sleeps before looking again (sleep, clock jumps and setting changes). */
  readonly maxSleepMs?: number;
}

/**
 * Holds recall notifications during quiet hours and, when they end, shows one that sums them up
 * (desktop notifier and windows alike). The recall still runs and its conversation is still marked
 * unread: only the notification waits. A timer runs only while something is held. What is held
 * survives a quit: the next start sums it up once quiet hours are over.
 */
export class QuietHoursGate implements Disposable {
  private held: HeldNotice[];
  private timer: TimerHandle | undefined;
  private readonly maxSleepMs: number;

  constructor(private readonly options: QuietHoursGateOptions) {
    this.maxSleepMs = options.maxSleepMs ?? 60_000;
    this.held = this.safely('Reading the notifications held in quiet hours failed:', () => options.store?.load()) ?? [];
    if (this.held.length > 0) this.arm();
  }

  /** True when the notification is held (quiet hours now); false: show it now. */
  hold(notification: RecallNotification & { readonly kind: 'fired' | 'failed'; readonly sessionId: string }): boolean {
    if (!this.isQuiet()) return false;
    this.held.push({
      kind: notification.kind,
      sessionTitle: notification.sessionTitle,
      sessionId: notification.sessionId,
    });
    if (this.held.length > MAX_HELD_NOTICES) this.held.splice(0, this.held.length - MAX_HELD_NOTICES);
    this.persist();
    this.arm();
    return true;
  }

  /** How many notifications wait for the end of quiet hours. */
  get heldCount(): number {
    return this.held.length;
  }

  dispose(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private isQuiet(at = this.options.clock.now()): boolean {
    return isQuietAt(this.options.quietHours(), at, this.options.timeZone());
  }

  private arm(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    const now = this.options.clock.now();
    const end = quietHoursEnd(this.options.quietHours(), now, this.options.timeZone()) ?? now;
    this.timer = this.options.clock.setTimeout(() => this.check(), Math.min(Math.max(0, end - now), this.maxSleepMs));
  }

  private check(): void {
    this.timer = undefined;
    try {
      if (this.held.length === 0) return;
      if (this.isQuiet()) return this.arm();
      this.summarise();
    } catch (error) {
      this.options.logger.error('Summing up the notifications held in quiet hours failed:', error);
    }
  }

  private persist(): void {
    this.safely('Keeping the notifications held in quiet hours failed:', () => this.options.store?.save(this.held));
  }

  private safely<T>(what: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      this.options.logger.error(what, error);
      return undefined;
    }
  }

  private summarise(): void {
    const held = this.held;
    this.held = [];
    this.persist();
    const { title, text } = quietHoursSummary(held);
    const sessions = new Set(held.map((notice) => notice.sessionId));
    const sessionId = sessions.size === 1 ? held[0]!.sessionId : null;
    this.options.publish({ type: 'quiet-hours-ended', title, text, count: held.length, sessionId });
    this.options.notifier?.notify({
      kind: 'summary',
      recallId: null,
      sessionId,
      sessionTitle: sessionId === null ? 'Navi' : held[0]!.sessionTitle,
      title,
      text,
    });
  }
}
