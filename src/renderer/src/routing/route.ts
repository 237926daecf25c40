/**
 * Where a window is. Routes live in the URL's hash (`#/c/<id>`) so the same URL works in the
 * browser host (any path serves the app) and in Electron, where the page is a file:// URL.
 */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'settings' }
  | { readonly name: 'scheduled' }
  | { readonly name: 'archived' }
  | { readonly name: 'conversation'; readonly sessionId: string };

export const HOME: Route = { name: 'home' };
export const SETTINGS: Route = { name: 'settings' };
export const SCHEDULED: Route = { name: 'scheduled' };
export const ARCHIVED: Route = { name: 'archived' };

export function conversationRoute(sessionId: string): Route {
  return { name: 'conversation', sessionId };
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const conversation = /^\/c\/([^/?#]+)$/.exec(path);
  if (conversation?.[1]) {
    try {
      return conversationRoute(decodeURIComponent(conversation[1]));
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
      return `#/c/${encodeURIComponent(route.sessionId)}`;
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
