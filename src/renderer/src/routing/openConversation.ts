import type { NaviClient } from '../../../shared/contract';
import { prefetchConversationOnce, prefetchInFlight } from '../sync/snapshotPrefetch';
import { navigateNow } from './navigation';
import { conversationRoute } from './route';

/**
 * How long a clicked link waits for its conversation's first page before the address moves anyway
 * (the main view then keeps what it shows a while longer: useShownRoute).
 */
export const OPEN_WAIT_MS = 100;

/** The open a click started and is waiting for: a later click or navigation supersedes it. */
let waiting: object | undefined;

/**
 * Opens a conversation from a click on its link. Its first page is asked for first thing; the
 * address, the sidebar's selection and the main view then move together in the task that brings
 * that page (at once when it has come already: a press asked for it), in one render and one frame,
 * instead of a navigation, a render of the sidebar and a frame of it before the page can be taken in.
 */
export function openConversation(api: NaviClient, sessionId: string, messageId?: string): void {
  prefetchConversationOnce(api, sessionId);
  const route = conversationRoute(sessionId, messageId);
  const inFlight = prefetchInFlight(api, sessionId);
  if (!inFlight) {
    waiting = undefined;
    navigateNow(route);
    return;
  }
  const mine = {};
  waiting = mine;
  const from = window.location.href;
  const go = (): void => {
    if (waiting !== mine) return;
    waiting = undefined;
    clearTimeout(timer);
    // Moved elsewhere meanwhile (Back, a shortcut): that wins.
    if (window.location.href === from) navigateNow(route);
  };
  const timer = setTimeout(go, OPEN_WAIT_MS);
  inFlight.then(go, go);
}
