import type { Message } from '../../shared/contract';
import type { Logger } from '../ports';
import { DEFAULT_SESSION_TITLE, type SessionStore } from '../store/sessionStore';
import type { SessionUpdates } from './sessionUpdates';

/** Names a conversation from its history; aborted when Navi closes. */
export type TitleGenerator = (history: readonly Message[], signal: AbortSignal) => Promise<string>;

export interface SessionTitlesOptions {
  readonly store: SessionStore;
  readonly updates: SessionUpdates;
  readonly logger: Logger;
  /** Without it, conversations keep the default title. */
  readonly titleGenerator?: TitleGenerator;
}

/** Names a new conversation after its first exchange, in the background, unless it was named meanwhile. */
export class SessionTitles {
  private readonly background = new Set<AbortController>();
  private closed = false;

  constructor(private readonly options: SessionTitlesOptions) {}

  /** A run completed: a conversation still under the default title gets a name. */
  maybeName(sessionId: string): void {
    const { titleGenerator, store, logger } = this.options;
    const session = store.getSession(sessionId);
    if (!titleGenerator || !session || session.title !== DEFAULT_SESSION_TITLE || this.closed) return;
    const controller = new AbortController();
    this.background.add(controller);
    titleGenerator(store.activePath(sessionId), controller.signal)
      .then((title) => {
        const current = store.getSession(sessionId);
        if (!current || current.title !== DEFAULT_SESSION_TITLE || controller.signal.aborted) return;
        this.options.updates.changed(
          store.renameSession(sessionId, title.trim().slice(0, 200) || DEFAULT_SESSION_TITLE),
        );
      })
      .catch((error: unknown) => logger.warn(`Could not name conversation ${sessionId}:`, error))
      .finally(() => this.background.delete(controller));
  }

  /** Navi is closing: names being made are abandoned, and no new ones start. */
  close(): void {
    this.closed = true;
    for (const controller of this.background) controller.abort();
  }
}
