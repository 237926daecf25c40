import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { NaviClient } from '../../../shared/contract';
import { prefetchInFlight } from '../sync/snapshotPrefetch';
import type { Route } from './route';

/**
 * How long the main view keeps the conversation it shows after the address moved to another one
 * whose first page is on its way; after that it shows the new one loading.
 */
export const SWITCH_WAIT_MS = 250;

/** Another conversation than the one on screen, whose first page was asked for and has not come. */
function awaited(api: NaviClient, route: Route, shown: Route): Promise<unknown> | undefined {
  if (route.name !== 'conversation') return undefined;
  if (shown.name === 'conversation' && shown.sessionId === route.sessionId) return undefined;
  return prefetchInFlight(api, route.sessionId);
}

/**
 * The route the main view shows. Usually the address's; but when the address moves to another
 * conversation whose first page was asked for and has not come (a link clicked that waited
 * OPEN_WAIT_MS for it in vain: openConversation), the view keeps what it shows until that page has
 * come (at most SWITCH_WAIT_MS) and then shows the new conversation with its messages in one go: no
 * "Loading conversation…" frame in between, and one render of the new view instead of two. The
 * sidebar follows the address at once. `waiting` says the view is behind the address.
 */
export function useShownRoute(api: NaviClient, route: Route): { readonly route: Route; readonly waiting: boolean } {
  const [shown, setShown] = useState(route);
  const [gaveUp, setGaveUp] = useState<Route>();
  const pending = route === gaveUp ? undefined : awaited(api, route, shown);
  if (!pending && shown !== route) setShown(route);

  useEffect(() => {
    if (!pending) return;
    let current = true;
    // The page has come and the person is waiting for it: the view renders in the task that brought
    // it, not in a later task of React's scheduler (a frame and other messages could go first).
    const show = (): void => {
      if (current) flushSync(() => setShown(route));
    };
    const giveUp = (): void => {
      if (current) setGaveUp(route);
    };
    pending.then(show, show);
    const timer = setTimeout(giveUp, SWITCH_WAIT_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [pending, route]);

  return pending ? { route: shown, waiting: true } : { route, waiting: false };
}
