import { statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/**
 * The built page's files as they are served: by the browser host over HTTP and by the desktop app's
 * `navi://app/` protocol. One place decides which file a path names, its type and how long it keeps.
 */

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/** Resolves a URL path to a file inside `root`, refusing anything that climbs out of it or is not a file. */
export function resolvePageFile(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  try {
    return statSync(full).isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

/** The Content-Type a page file is served with (module scripts need a JavaScript type). */
export function pageFileType(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/** Built assets carry a content hash in their names and keep for good; the page itself is always fresh. */
export function pageFileCaching(file: string): string {
  return file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-store';
}
