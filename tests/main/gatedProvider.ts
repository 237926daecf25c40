import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Emitter } from '../../src/shared/rpc';

/**
 * An OpenAI-compatible models endpoint that answers only when the test says so, so a call can be
 * kept pending across a page reload. Each request is answered with its own number of models.
 */
export async function startGatedProvider() {
  const waiting: ServerResponse[] = [];
  const arrived = new Emitter<number>();
  const server = createServer((request, response) => {
    if (!request.url?.endsWith('/models')) return void response.writeHead(404).end();
    waiting.push(response);
    arrived.fire(waiting.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    /** Resolves once `count` requests are waiting. */
    requests: (count: number) =>
      new Promise<void>((resolve) => {
        if (waiting.length >= count) return resolve();
        const listener = arrived.event((n) => {
          if (n >= count) {
            listener.dispose();
            resolve();
          }
        });
      }),
    /** Answers request `index` (0-based, in arrival order) with `models` models. */
    release(index: number, models: number) {
      const data = Array.from({ length: models }, (_, i) => ({ id: `model-${i}`, object: 'model' }));
      waiting[index]!.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
