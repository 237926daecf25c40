import type { Disposable } from '../../shared/rpc/disposable';
import type { AppEventBus } from '../events/appEventBus';
import type { SessionStore } from '../store/sessionStore';
import type { Orchestrator } from './orchestrator';

/**
 * Marks a conversation unread when a recall replied in it (or failed there) while no window was
 * following it; every window's list is told. A window showing it clears the mark (`markRead`).
 */
export function markUnreadRecallReplies(deps: {
  readonly bus: AppEventBus;
  readonly store: SessionStore;
  readonly orchestrator: Orchestrator;
}): Disposable {
  return deps.bus.on('recall-fired', (event) => {
    if (deps.orchestrator.isWatched(event.sessionId)) return;
    if (!deps.store.getSession(event.sessionId)) return;
    if (deps.store.setUnread(event.sessionId, true)) {
      deps.orchestrator.sessionChanged(deps.store.requireSession(event.sessionId));
    }
  });
}
