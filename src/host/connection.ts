import type { WebSocket } from 'ws';
import { contract, type NaviServices } from '../shared/contract';
import { formatBytes, MAX_QUEUED_BYTES_PER_CONNECTION } from '../shared/contract/limits';
import { createSocketTransport, serve, type Disposable, type SocketLike, type Transport } from '../shared/rpc';
import type { Logger } from '../core/ports';

export interface ConnectionStats {
  /** Bytes written for this peer that it has not read yet (the socket's send buffer). */
  readonly queuedBytes: number;
  readonly pendingCalls: number;
  readonly subscriptions: number;
}

export interface HostConnection extends Disposable {
  readonly peerId: string;
  stats(): ConnectionStats;
}

export interface ConnectionOptions {
  readonly services: NaviServices;
  readonly peerId: string;
  readonly logger: Logger;
  readonly maxQueuedBytes?: number;
  /** Called once when the socket is gone, whoever closed it. */
  readonly onClosed: () => void;
}

/** Internal failures logged with their stack per connection; later ones are only counted. */
const LOGGED_FAILURES = 3;

/**
 * One browser window's connection: the core's services on its socket, with its own limits. A
 * malformed frame closes this socket only (the `ws` library answers it with the right close code);
 * a peer that stops reading is dropped before its queue passes the limit; its subscriptions and
 * calls end with it.
 */
export function openConnection(ws: WebSocket, options: ConnectionOptions): HostConnection {
  const { logger, peerId } = options;
  const maxQueuedBytes = options.maxQueuedBytes ?? MAX_QUEUED_BYTES_PER_CONNECTION;
  let failures = 0;
  let protocolErrors = 0;
  let dropped = false;

  // Without a listener, one bad frame's 'error' event would end the process.
  ws.on('error', (error) => logger.warn(`Navi host: closed ${peerId} after a bad frame: ${error.message}`));

  const socket = createSocketTransport(ws as unknown as SocketLike);
  const drop = (): void => {
    if (dropped) return;
    dropped = true;
    logger.warn(`Navi host: dropped ${peerId}: it stopped reading with ${formatBytes(ws.bufferedAmount)} waiting`);
    served.dispose();
    ws.terminate();
  };
  const transport: Transport = {
    onMessage: socket.onMessage,
    isCongested: socket.isCongested,
    send: (message) => {
      if (dropped) return;
      // Checked before queueing more: one large answer may pass the limit, a growing backlog may not.
      if (ws.bufferedAmount > maxQueuedBytes) return drop();
      socket.send(message);
    },
  };
  const served = serve(contract, options.services, transport, {
    peerId,
    onInternalError: (error) => {
      if (++failures <= LOGGED_FAILURES) logger.error(`Navi host: a request from ${peerId} failed:`, error);
    },
    onProtocolError: (reason) => {
      if (++protocolErrors === 1) logger.warn(`Navi host: ${peerId} ${reason}; later ones are not logged`);
    },
  });

  ws.on('close', () => {
    served.dispose();
    socket.dispose();
    if (failures > LOGGED_FAILURES) {
      logger.warn(`Navi host: ${failures - LOGGED_FAILURES} more failed requests from ${peerId} were not logged`);
    }
    if (protocolErrors > 1) logger.warn(`Navi host: ${peerId} sent ${protocolErrors} malformed messages in all`);
    options.onClosed();
  });

  return {
    peerId,
    stats: () => ({ queuedBytes: ws.bufferedAmount, ...served.stats() }),
    dispose: () => {
      served.dispose();
      ws.terminate();
    },
  };
}
