import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { CoreServices } from '../shared/contract';
import { MAX_CONNECTIONS, MAX_FRAME_BYTES, MAX_REQUEST_HEADER_BYTES } from '../shared/contract/limits';
import type { Logger } from '../core/ports';
import { createToken, originAllowed, tokenCookieName, tokensMatch } from './auth';
import { createBrowserShellService } from './browserShellService';
import { DOWNLOADS_PATH, ExportDownloads } from './exportDownloads';
import { openConnection, type HostConnection } from './connection';
import { parseRequest } from './httpRequest';
import { resolvePageFile } from '../core/pageFiles/pageFiles';
import { sendFile } from './staticFiles';

export interface HostOptions {
  readonly services: CoreServices;
  readonly rendererDir: string;
  readonly logger: Logger;
  readonly port?: number;
  readonly hostname?: string;
  readonly token?: string;
  /** Per-connection limits (tests lower them); defaults from the contract's limits. */
  readonly maxQueuedBytes?: number;
}

/** What the host holds right now, for leak checks, the fuzz test and benchmarks. */
export interface HostStats {
  readonly connections: number;
  /** Bytes written to sockets that their peers have not read yet, all connections together. */
  readonly queuedBytes: number;
  readonly pendingCalls: number;
  readonly subscriptions: number;
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** The cookie this host authenticates pages with (named per port). */
  readonly cookieName: string;
  readonly connections: () => number;
  readonly stats: () => HostStats;
  close(): Promise<void>;
}

export const RPC_PATH = '/rpc';

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  414: 'URI Too Long',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function refuse(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

/** Answers an upgrade request that will not become a WebSocket, then closes the raw socket. */
function refuseUpgrade(socket: Duplex, status: number): void {
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  } else {
    socket.destroy();
  }
}

/**
 * Serves the built renderer and the core's services over a WebSocket on loopback. Every HTTP and
 * WebSocket request must carry the per-start token; the WebSocket must also come from our origin.
 * Every request and upgrade goes through one guarded path: what cannot be read gets a 400, and
 * nothing a client sends can throw out of it.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? createToken();
  const hostname = options.hostname ?? '127.0.0.1';
  const { logger } = options;
  let port = 0;
  let cookieName = tokenCookieName(0);
  let nextPeer = 1;
  let loggedFailure = false;
  const downloads = new ExportDownloads();
  const services = { ...options.services, shell: createBrowserShellService(downloads) };
  const connections = new Set<HostConnection>();

  const failedOnce = (what: string, error: unknown): void => {
    // One line per process: a client that can make the host fail must not also fill its log.
    if (loggedFailure) return;
    loggedFailure = true;
    logger.error(`Navi host: ${what} failed (later failures are not logged):`, error);
  };

  const answer = (request: IncomingMessage, response: ServerResponse): void => {
    const parsed = parseRequest(request, cookieName);
    if (!parsed.ok) return refuse(response, parsed.status, `Navi: ${parsed.reason}.`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
    const { pathname, tokens } = parsed.request;
    if (!tokensMatch(token, tokens)) {
      return refuse(response, 401, 'Navi: this address needs the token that `npm run serve` printed.');
    }
    const headers = {
      ...securityHeaders(port),
      // Later requests (assets, reloads without ?token) authenticate with this cookie.
      'Set-Cookie': `${cookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
    };
    if (pathname.startsWith(DOWNLOADS_PATH)) {
      if (request.method !== 'GET') return refuse(response, 405, 'Method not allowed');
      const gone = 'Navi: that download is over or was never offered. Export again.';
      void downloads
        .send(pathname.slice(DOWNLOADS_PATH.length), services, response, securityHeaders(port))
        .then((sent) => (sent ? undefined : refuse(response, 404, gone)))
        .catch((error: unknown) => {
          failedOnce('a download', error);
          if (response.headersSent) response.destroy();
          else refuse(response, 500, 'Navi: the download failed.');
        });
      return;
    }
    // The build refers to assets relatively (the desktop app loads it from its own scheme), so a page at a nested
    // route asks for .../assets/x.js; unknown paths get the app page so each conversation has a URL.
    const assetAt = pathname.indexOf('/assets/');
    const file =
      assetAt >= 0
        ? resolvePageFile(options.rendererDir, pathname.slice(assetAt))
        : (resolvePageFile(options.rendererDir, pathname === '/' ? '/index.html' : pathname) ??
          resolvePageFile(options.rendererDir, '/index.html'));
    if (!file) return refuse(response, 404, 'Not found');
    sendFile(response, file, headers);
  };

  const server = createServer({ maxHeaderSize: MAX_REQUEST_HEADER_BYTES }, (request, response) => {
    try {
      answer(request, response);
    } catch (error) {
      failedOnce('a request', error);
      refuse(response, 500, 'Navi: the request failed.');
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const parsed = parseRequest(request, cookieName);
    if (!parsed.ok) return refuseUpgrade(socket, parsed.status);
    if (parsed.request.pathname !== RPC_PATH) return refuseUpgrade(socket, 404);
    if (!tokensMatch(token, parsed.request.tokens)) return refuseUpgrade(socket, 401);
    if (!originAllowed(request.headers.origin, port)) return refuseUpgrade(socket, 403);
    if (connections.size >= MAX_CONNECTIONS) return refuseUpgrade(socket, 503);
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = openConnection(ws, {
        services,
        peerId: `socket-${nextPeer++}`,
        logger,
        maxQueuedBytes: options.maxQueuedBytes,
        onClosed: () => connections.delete(connection),
      });
      connections.add(connection);
    });
  };

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until `ws` takes the socket over, a reset must not surface as an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    try {
      upgrade(request, socket, head);
    } catch (error) {
      failedOnce('a WebSocket handshake', error);
      refuseUpgrade(socket, 400);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  cookieName = tokenCookieName(port);
  server.on('error', (error) => failedOnce('the server', error));

  const stats = (): HostStats => {
    let queuedBytes = 0;
    let pendingCalls = 0;
    let subscriptions = 0;
    for (const connection of connections) {
      const each = connection.stats();
      queuedBytes += each.queuedBytes;
      pendingCalls += each.pendingCalls;
      subscriptions += each.subscriptions;
    }
    return { connections: connections.size, queuedBytes, pendingCalls, subscriptions };
  };

  return {
    url: `http://${hostname}:${port}/?token=${token}`,
    port,
    token,
    cookieName,
    connections: () => connections.size,
    stats,
    close: async () => {
      for (const connection of connections) connection.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function defaultRendererDir(projectRoot: string): string {
  return join(projectRoot, 'out', 'renderer');
}
