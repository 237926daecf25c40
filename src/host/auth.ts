import { randomBytes, timingSafeEqual } from 'node:crypto';

export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Browsers keep one cookie jar for every port of 127.0.0.1, so each host names its cookie after its
 * port: a second host never overwrites (logs out) the pages of the first.
 */
export function tokenCookieName(port: number): string {
  return `navi_token_${port}`;
}

/** True when any of the offered tokens is the expected one (compared in constant time). */
export function tokensMatch(expected: string, offered: readonly string[]): boolean {
  const want = Buffer.from(expected);
  return offered.some((given) => {
    const got = Buffer.from(given);
    return got.length === want.length && timingSafeEqual(got, want);
  });
}

/** Browsers always send Origin on WebSocket handshakes; only our own page may connect. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (!origin) return false;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
