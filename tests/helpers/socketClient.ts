import WebSocket from 'ws';
import { contract } from '../../src/shared/contract';
import { createClient, createReconnectingSocketTransport, type SocketLike } from '../../src/shared/rpc';

/** A typed client over a real WebSocket to a running host, as a browser window would have. */
export function socketClient(port: number, token: string) {
  const transport = createReconnectingSocketTransport(
    () =>
      new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, {
        origin: `http://127.0.0.1:${port}`,
      }) as unknown as SocketLike,
    { minDelayMs: 50, maxDelayMs: 200 },
  );
  const client = createClient(contract, transport, () => {});
  return {
    transport,
    client,
    api: client.api,
    close: () => {
      client.dispose();
      transport.dispose();
    },
  };
}
