import type { Clock } from '../ports';
import type { SessionStore } from '../store/sessionStore';
import type { CoalescingOptions } from './coalescingSubscriber';
import { SessionChannel, type ActiveRun, type UnsequencedEvent } from './sessionChannel';

export const DEFAULT_BUFFER_CAPACITY = 4096;

export interface SessionChannelsOptions {
  readonly store: SessionStore;
  readonly clock: Clock;
  /** Events kept per session for windows that join or reconnect late. */
  readonly capacity: number;
  readonly coalescing: CoalescingOptions;
}

/**
 * The live channel of each session, made when a run starts or a window follows it and freed once
 * nothing runs or watches there (its seq lives on in the store), so idle sessions cost no memory.
 */
export class SessionChannels {
  private readonly live = new Map<string, SessionChannel>();

  constructor(private readonly options: SessionChannelsOptions) {}

  get size(): number {
    return this.live.size;
  }

  /** The session's channel if it is live now; never makes one. */
  find(sessionId: string): SessionChannel | undefined {
    return this.live.get(sessionId);
  }

  /** Whether a window follows the conversation now (is subscribed to it). */
  isWatched(sessionId: string): boolean {
    return (this.live.get(sessionId)?.subscriberCount ?? 0) > 0;
  }

  isBusy(sessionId: string): boolean {
    return this.live.get(sessionId)?.activeRun !== undefined;
  }

  activeRuns(): ActiveRun[] {
    return [...this.live.values()].flatMap((channel) => (channel.activeRun ? [channel.activeRun] : []));
  }

  /** The session's channel, made now (numbering on from the stored seq) if it is not live. */
  open(sessionId: string): SessionChannel {
    let channel = this.live.get(sessionId);
    if (!channel) {
      const { store, clock, capacity, coalescing } = this.options;
      channel = new SessionChannel(sessionId, store.lastSeq(sessionId), capacity, clock, coalescing, (idle) =>
        this.release(idle),
      );
      this.live.set(sessionId, channel);
    }
    return channel;
  }

  /** Frees a session's live state once nothing runs or watches there; its seq lives on in the store. */
  private release(channel: SessionChannel): void {
    if (this.live.get(channel.sessionId) !== channel || !channel.isIdle) return;
    this.live.delete(channel.sessionId);
    if (this.options.store.getSession(channel.sessionId))
      this.options.store.recordSeq(channel.sessionId, channel.lastSeq);
  }

  /**
   * Emits an event to the session's windows and records its seq, through a channel even when
   * nothing watches (made for the moment, released when idle): the seq moves on, so a window whose
   * snapshot came just before and subscription just after is told to reload, not left stale.
   */
  emitRecorded(sessionId: string, event: UnsequencedEvent): void {
    const channel = this.open(sessionId);
    channel.emit(event);
    this.options.store.recordSeq(sessionId, channel.lastSeq);
    channel.checkIdle();
  }

  /** The session was deleted: its windows are told and their subscriptions end. */
  closeDeleted(channel: SessionChannel): void {
    channel.emit({ type: 'session-deleted' });
    channel.closeAll();
    if (this.live.get(channel.sessionId) === channel) this.live.delete(channel.sessionId);
  }

  /** Ends every subscription and forgets every channel (Navi is closing). */
  closeAll(): void {
    for (const channel of this.live.values()) channel.closeAll();
    this.live.clear();
  }
}
