import type { Session, SessionSummary } from '../../shared/contract';
import type { AppEventBus } from '../events/appEventBus';
import type { SessionStore } from '../store/sessionStore';
import type { SessionChannels } from './sessionChannels';

export interface SessionUpdatesOptions {
  readonly store: SessionStore;
  readonly bus: AppEventBus;
  readonly channels: SessionChannels;
}

/** Tells windows a session changed: the ones on it through its channel, every window's list through the bus. */
export class SessionUpdates {
  constructor(private readonly options: SessionUpdatesOptions) {}

  /** The session as lists show it: with whether a reply is being written there now. */
  summary(session: Session): SessionSummary {
    return { ...session, busy: this.options.channels.isBusy(session.id) };
  }

  /** Tells every window's list about a new session (no window can be following it yet). */
  created(session: Session): void {
    this.options.bus.publish({ type: 'session-changed', session: this.summary(session) });
  }

  /** Tells the session's windows and every window's list that the session changed. */
  changed(session: Session): void {
    this.options.channels.emitRecorded(session.id, { type: 'session-updated', session });
    this.options.bus.publish({ type: 'session-changed', session: this.summary(session) });
  }

  /** Tells every window's list (its busy mark, its order) about the session as stored now, if it still is. */
  listChanged(sessionId: string): void {
    const session = this.options.store.getSession(sessionId);
    if (session) this.options.bus.publish({ type: 'session-changed', session: this.summary(session) });
  }
}
