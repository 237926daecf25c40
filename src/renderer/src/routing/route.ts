/**
 * Where a window is. Routes live in the URL's hash (`#/c/<id>`) so the same URL works in the
 * browser host (any path serves the app) and in Electron, where the page is a file:// URL.
 */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'settings' }
  | { readonly name: 'scheduled' }
  | { readonly name: 'archived' }
  | {
      readonly name: 'conversation';
      readonly sessionId: string;
      /** A message to open the conversation at (a search result), if any. */
      readonly messageId?: string;
    };

export const HOME: Route = { name: 'home' };
export const SETTINGS: Route = { name: 'settings' };
export const SCHEDULED: Route = { name: 'scheduled' };
export const ARCHIVED: Route = { name: 'archived' };

export function conversationRoute(sessionId: string, messageId?: string): Route {
  return messageId === undefined ? { name: 'conversation', sessionId } : { name: 'conversation', sessionId, messageId };
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const conversation = /^\/c\/([^/?#]+)(?:\/m\/([^/?#]+))?$/.exec(path);
  if (conversation?.[1]) {
    try {
      const messageId = conversation[2] === undefined ? undefined : decodeURIComponent(conversation[2]);
      return conversationRoute(decodeURIComponent(conversation[1]), messageId);
    } catch {
      return HOME;
    }
  }
  if (path === '/settings') return SETTINGS;
  if (path === '/scheduled') return SCHEDULED;
  if (path === '/archived') return ARCHIVED;
  return HOME;
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'conversation':
      return route.messageId === undefined
        ? `#/c/${encodeURIComponent(route.sessionId)}`
        : `#/c/${encodeURIComponent(route.sessionId)}/m/${encodeURIComponent(route.messageId)}`;
    case 'settings':
      return '#/settings';
    case 'scheduled':
      return '#/scheduled';
    case 'archived':
      return '#/archived';
    case 'home':
      return '#/';
  }
}

/** The full address of a route in this window's app (for "Open in new window"). */
export function routeUrl(route: Route): string {
  const { origin, pathname, protocol } = window.location;
  const base = protocol === 'file:' ? `file://${pathname}` : `${origin}${pathname}`;
  return `${base}${routeHash(route)}`;
}
