import type { SessionLike, WebContentsLike } from './electronApi';

/**
 * The permissions Navi's own pages use, and nothing else: the copy buttons write to the clipboard.
 * (Recall notifications come from the main process, so pages need no notification permission.)
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Allows exactly ALLOWED_PERMISSIONS, to the main frame of one of Navi's pages; refuses everything else. */
export function applyPermissionPolicy(session: SessionLike, isAppUrl: (url: string) => boolean): void {
  const allowed = (permission: string, url: string | undefined, isMainFrame: boolean | undefined): boolean =>
    ALLOWED_PERMISSIONS.has(permission) && isMainFrame === true && url !== undefined && isAppUrl(url);
  const urlOf = (contents: WebContentsLike | null, requestingUrl: string | undefined): string | undefined =>
    requestingUrl ?? contents?.getURL();
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(allowed(permission, urlOf(contents, details.requestingUrl), details.isMainFrame)),
  );
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    allowed(permission, urlOf(contents, details.requestingUrl), details.isMainFrame),
  );
}
