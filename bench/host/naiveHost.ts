// The browser host as it was before issue 11, for the fuzz benchmark's baseline: the same core and
// RPC, but the request target and cookie parsed unguarded, no error listener on sockets, ws's default
// 100 MB maxPayload, and no per-connection limits. Prints its address, then serves until it dies.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { createCore } from '../../src/core/core';
import { quietLogger } from '../../tests/helpers/host';
import { contract } from '../../src/shared/contract';
import { createSocketTransport, serve, type SocketLike } from '../../src/shared/rpc';
import { createBrowserShellService } from '../../src/host/browserShellService';
import { ExportDownloads } from '../../src/host/exportDownloads';

const dataDir = process.argv[2]!;
const token = 'naive-host-token-0123456789-abcdefghij';
const core = createCore({ dataDir, version: '0.0.0-bench', shell: 'browser', logger: quietLogger });
const services = { ...core.services, shell: createBrowserShellService(new ExportDownloads()) };

function tokenOf(url: URL, cookie: string | undefined): string | undefined {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  for (const pair of cookie?.split(';') ?? []) {
    const [name, ...rest] = pair.trim().split('=');
    if (name === 'navi_token') return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  response.writeHead(tokenOf(url, request.headers.cookie) === token ? 200 : 401).end();
});
const wss = new WebSocketServer({ noServer: true });
let peer = 0;
server.on('upgrade', (request, socket, head) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (tokenOf(url, request.headers.cookie) !== token) return socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
  wss.handleUpgrade(request, socket, head, (ws) => {
    const served = serve(contract, services, createSocketTransport(ws as unknown as SocketLike), {
      peerId: `naive-${peer++}`,
      maxSubscriptions: Number.POSITIVE_INFINITY,
      maxPendingCalls: Number.POSITIVE_INFINITY,
    });
    ws.on('close', () => served.dispose());
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`Naive host at http://127.0.0.1:${port}/?token=${token}`);
});
