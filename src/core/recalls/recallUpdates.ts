import type { Recall } from '../../shared/contract';
import type { TimeWordsOptions } from '../../shared/time/timeWords';
import type { AppEventBus } from '../events/appEventBus';
import type { Clock, Logger } from '../ports';
import type { Orchestrator } from '../sessions/orchestrator';
import type { SessionStore } from '../store/sessionStore';
import { publicRecall } from './publicRecall';
import type { StoredRecall } from './recallStore';

export interface RecallUpdatesOptions {
  readonly sessions: SessionStore;
  readonly orchestrator: Orchestrator;
  readonly bus: AppEventBus;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The person's time zone, for the times in notes. */
  readonly timeZone: () => string;
}

/** Tells windows and conversations what happened to recalls: changed recalls, and notes in the conversation. */
export class RecallUpdates {
  constructor(private readonly options: RecallUpdatesOptions) {}

  /** Now and the person's time zone, for times said in words. */
  words(): TimeWordsOptions & { readonly timeZone: string } {
    return { now: this.options.clock.now(), timeZone: this.options.timeZone() };
  }

  /** A recall as windows and the agent see it (its schedule in the person's words). */
  toPublic(recall: StoredRecall): Recall {
    return publicRecall(recall, this.words());
  }

  changed(recall: StoredRecall): void {
    this.options.bus.publish({ type: 'recall-changed', recall: this.toPublic(recall) });
  }

  /** Writes what happened into the conversation, as a line of Navi's own (not a reply). */
  note(sessionId: string, text: string): void {
    try {
      if (!this.options.sessions.getSession(sessionId)) return;
      this.options.orchestrator.addNote(sessionId, text);
    } catch (error) {
      this.options.logger.warn(`Could not write a recall note into ${sessionId}:`, error);
    }
  }
}
