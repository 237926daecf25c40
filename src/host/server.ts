import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { contract, type CoreServices } from '../shared/contract';
import { createSocketTransport, serve, type SocketLike } from '../shared/rpc';
import type { Logger } from '../core/ports';
import { createToken, originAllowed, requestToken, TOKEN_COOKIE, tokensMatch } from './auth';
import { createBrowserShellService } from './browserShellService';
import { resolveStaticPath, sendFile } from './staticFiles';

export interface HostOptions {
  readonly services: CoreServices;
  readonly rendererDir: string;
  readonly logger: Logger;
  readonly port?: number;
  readonly hostname?: string;
  readonly token?: string;
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly connections: () => number;
  close(): Promise<void>;
}

export const RPC_PATH = '/rpc';

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
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

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

/**
 * Serves the built renderer and the core's services over a WebSocket on loopback. Every HTTP and
 * WebSocket request must carry the per-start token; the WebSocket must also come from our origin.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? createToken();
  const hostname = options.hostname ?? '127.0.0.1';
  let port = 0;
  let nextPeer = 1;
  const services = { ...options.services, shell: createBrowserShellService() };
  const sockets = new Set<WebSocket>();

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://${hostname}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
    if (!tokensMatch(token, requestToken(request, url))) {
      return refuse(response, 401, 'Navi: this address needs the token that `npm run serve` printed.');
    }
    const headers = {
      ...securityHeaders(port),
      // Later requests (assets, reloads without ?token) authenticate with this cookie.
      'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
    };
    // The build refers to assets relatively (Electron loads it from a file), so a page at a nested
    // route asks for .../assets/x.js; unknown paths get the app page so each conversation has a URL.
    const assetAt = url.pathname.indexOf('/assets/');
    const file =
      assetAt >= 0
        ? resolveStaticPath(options.rendererDir, url.pathname.slice(assetAt))
        : (resolveStaticPath(options.rendererDir, url.pathname === '/' ? '/index.html' : url.pathname) ??
          resolveStaticPath(options.rendererDir, '/index.html'));
    if (!file) return refuse(response, 404, 'Not found');
    sendFile(response, file, headers);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://${hostname}`);
    const reject = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== RPC_PATH) return reject('404 Not Found');
    if (!tokensMatch(token, requestToken(request, url))) return reject('401 Unauthorized');
    if (!originAllowed(request.headers.origin, port)) return reject('403 Forbidden');
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      const transport = createSocketTransport(ws as unknown as SocketLike);
      const served = serve(contract, services, transport, {
        peerId: `socket-${nextPeer++}`,
        onInternalError: (error) => options.logger.error('Request failed:', error),
      });
      ws.on('close', () => {
        sockets.delete(ws);
        served.dispose();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${hostname}:${port}/?token=${token}`,
    port,
    token,
    connections: () => sockets.size,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function defaultRendererDir(projectRoot: string): string {
  return join(projectRoot, 'out', 'renderer');
}
