import type { IncomingMessage } from 'node:http';
import { MAX_REQUEST_TARGET_CHARS } from '../shared/contract/limits';

/** What the host needs from a request: its path and every token it offers (query and cookies). */
export interface ParsedRequest {
  readonly pathname: string;
  readonly tokens: readonly string[];
}

export type RequestParse =
  | { readonly ok: true; readonly request: ParsedRequest }
  | { readonly ok: false; readonly status: 400 | 414; readonly reason: string };

const BASE = 'http://navi.invalid';

/**
 * Reads a request target and its credentials without ever throwing: anything a browser would not
 * send to a page on this host (absolute or scheme-relative targets, bad ports, broken percent
 * encoding) is a refusal the caller answers with 400, before any other work.
 */
export function parseRequest(request: IncomingMessage, cookieName: string): RequestParse {
  const target = request.url ?? '';
  if (target.length > MAX_REQUEST_TARGET_CHARS) {
    return { ok: false, status: 414, reason: `The address is longer than ${MAX_REQUEST_TARGET_CHARS} characters` };
  }
  // Only origin-form targets ("/path?query"): the host is not a proxy.
  if (!target.startsWith('/') || target.startsWith('//')) return badRequest('The address must start with one "/"');
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return badRequest('The address cannot be read');
  }
  // "/\host" and friends can still name another host once parsed; refuse them too.
  if (url.origin !== BASE) return badRequest('The address names another host');
  const tokens = [...url.searchParams.getAll('token'), ...cookieValues(request.headers.cookie, cookieName)];
  return { ok: true, request: { pathname: url.pathname, tokens: tokens.filter((token) => token.length > 0) } };
}

function badRequest(reason: string): RequestParse {
  return { ok: false, status: 400, reason };
}

/**
 * Every value of the named cookie. A value with broken percent-encoding (any page on another
 * 127.0.0.1 port can plant one) is skipped rather than trusted or thrown over.
 */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const raw = pair.slice(at + 1).trim();
    try {
      values.push(decodeURIComponent(raw));
    } catch {
      // Not ours: ours is always valid percent-encoding.
    }
  }
  return values;
}
