import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { parseRoute, routeHash, type Route } from './route';

/** Told of an address changed by pushState here (the browser fires no event for it). */
const pushed = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  // Back and Forward between entries this page pushed.
  window.addEventListener('popstate', onChange);
  pushed.add(onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
    pushed.delete(onChange);
  };
}

const readHash = (): string => window.location.hash;

/** The hash last read and the conversation it names (read once per change, however many rows ask). */
let readFor: string | undefined;
let namedConversation: string | undefined;

function currentConversationId(): string | undefined {
  const hash = readHash();
  if (hash !== readFor) {
    readFor = hash;
    const route = parseRoute(hash);
    namedConversation = route.name === 'conversation' ? route.sessionId : undefined;
  }
  return namedConversation;
}

/**
 * Whether the address names this conversation. Re-renders its caller only when that changes: of
 * the sidebar's rows, a switch re-renders the one it leaves and the one it opens, not the others.
 */
export function useIsCurrentConversation(sessionId: string): boolean {
  // One function per row (not per render): a new one would have React check it again after each
  // of the row's commits.
  const isCurrent = useCallback(() => currentConversationId() === sessionId, [sessionId]);
  return useSyncExternalStore(subscribe, isCurrent);
}

/** The conversation the address names, if any. */
export function useCurrentConversationId(): string | undefined {
  return useSyncExternalStore(subscribe, currentConversationId);
}

/** The current route, re-rendering on every change of the address's hash. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, readHash);
  return useMemo(() => parseRoute(hash), [hash]);
}

/**
 * Moves the address to `route` and renders what follows from it before returning, in the caller's
 * task: no same-document navigation and no hashchange task in between (a new history entry, as a
 * link's own navigation makes).
 */
export function navigateNow(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash === hash) return;
  const url = new URL(window.location.href);
  url.hash = hash;
  window.history.pushState(null, '', url);
  flushSync(() => {
    for (const onChange of pushed) onChange();
  });
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (window.location.hash === hash) return;
  if (options.replace) {
    const url = new URL(window.location.href);
    url.hash = hash;
    window.history.replaceState(window.history.state, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
