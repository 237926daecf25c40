import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { pageFileCaching, pageFileType, resolvePageFile } from '../core/pageFiles/pageFiles';
import type { Logger } from '../core/ports';

/**
 * Navi's pages load from `navi://app/`, not from `file://`: Chromium keeps no V8 code cache for
 * scripts of a file:// page, so every start compiled the page's code from scratch. A standard,
 * secure scheme with `codeCache` gets the cache (as VS Code's vscode-file:// does). Measured in
 * Chromium on the browser host (bench scale/page, a later start against a first one), it saves
 * about a tenth of the time to the first conversation painted.
 */
export const APP_SCHEME = 'navi';
const APP_HOST = 'app';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** A file of the built page at the page's origin (`theme.js`, `assets/…`). */
export function appFileUrl(path: string): string {
  return `${APP_ORIGIN}/${path}`;
}

/**
 * Registered before the app is ready. Standard: relative URLs, an origin of its own and storage;
 * secure: a secure context (the clipboard); fetch and CORS for module scripts, workers and fonts.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/** The page's address, opening a route (`/c/<id>`) when given one. */
export function appPageUrl(hash?: string): string {
  return hash ? `${APP_INDEX_URL}#${hash}` : APP_INDEX_URL;
}

/** Whether `url` is Navi's page (any route): its own scheme, host and file, nothing else. */
export function isAppPageUrl(url: string): boolean {
  return url.split(/[?#]/)[0] === APP_INDEX_URL;
}

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Answers `navi://app/<path>` with the built page's files from `rendererDir` (read-only, nothing
 * outside it); anything else gets a readable refusal. Never throws: a failed read is a 404, logged.
 */
export function createAppProtocolHandler(rendererDir: string, logger: Logger): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refusal(400, 'Navi: not an address.');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refusal(404, 'Navi: no such page.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Navi: pages are only read.');
    const file = resolvePageFile(
      rendererDir,
      url.pathname === '/' || url.pathname === '' ? '/index.html' : url.pathname,
    );
    if (!file) return refusal(404, 'Navi: no such file.');
    try {
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': pageFileType(file),
          'Cache-Control': pageFileCaching(file),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch (error) {
      logger.warn(`Could not read ${url.pathname} for the page:`, error);
      return refusal(404, 'Navi: the file could not be read.');
    }
  };
}
