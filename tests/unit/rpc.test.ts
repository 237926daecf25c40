import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  contractShape,
  createClient,
  createInMemoryPair,
  defineService,
  Emitter,
  event,
  method,
  RpcError,
  serve,
  type ContractImpl,
  type Transport,
} from '../../src/shared/rpc';

const testContract = {
  math: defineService('math', {
    add: method({ input: z.object({ a: z.number(), b: z.number() }), output: z.number() }),
    slow: method({ input: z.object({ ms: z.number().int().positive() }), output: z.literal('done') }),
    fail: method({ input: z.undefined(), output: z.never() }),
    ticks: event({ input: z.object({ every: z.number() }), payload: z.number() }),
  }),
};

function setup() {
  const [serverSide, clientSide] = createInMemoryPair();
  const ticks = new Emitter<number>();
  const observed = { slowAborted: false, slowStarted: 0 };
  const impl: ContractImpl<typeof testContract> = {
    math: {
      add: ({ a, b }) => a + b,
      slow: ({ ms }, { signal }) =>
        new Promise((resolve, reject) => {
          observed.slowStarted++;
          const timer = setTimeout(() => resolve('done'), ms);
          signal.addEventListener('abort', () => {
            observed.slowAborted = true;
            clearTimeout(timer);
            reject(new Error('aborted'));
          });
        }),
      fail: () => {
        throw new RpcError('not_found', 'No such thing');
      },
      ticks: () => ticks.event,
    },
  };
  const server = serve(testContract, impl, serverSide, { peerId: 'test' });
  const client = createClient(testContract, clientSide, () => {});
  return { server, client, api: client.api, ticks, observed, clientSide, serverSide };
}

/** Sends a raw message as a misbehaving peer would and returns the answer it gets. */
function rawRequest(transport: Transport, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const listener = transport.onMessage((answer) => {
      listener.dispose();
      resolve(answer);
    });
    transport.send(message as never);
  });
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('rpc over the in-memory pair', () => {
  it('round-trips a typed call', async () => {
    const { api } = setup();
    await expect(api.math.add({ a: 2, b: 40 })).resolves.toBe(42);
  });

  it('answers a call with bad input with a typed validation error and keeps serving', async () => {
    const { api } = setup();
    const error = await api.math.add({ a: 'two', b: 1 } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe('invalid_request');
    expect((error as RpcError).message).toMatch(/math\.add.*a:/);
    expect((error as RpcError).issues?.[0]?.path).toBe('a');
    await expect(api.math.add({ a: 1, b: 1 })).resolves.toBe(2);
  });

  it('answers malformed and unknown requests without crashing', async () => {
    const { clientSide, api } = setup();
    const malformed = (await rawRequest(clientSide, { t: 'call', id: 99, service: 7 })) as {
      t: string;
      error: { code: string };
    };
    expect(malformed).toMatchObject({ t: 'error', id: 99, error: { code: 'invalid_request' } });
    const unknown = await rawRequest(clientSide, { t: 'call', id: 100, service: 'math', name: 'divide', input: {} });
    expect(unknown).toMatchObject({ t: 'error', id: 100, error: { code: 'unknown_method' } });
    const wrongKind = await rawRequest(clientSide, { t: 'listen', id: 101, service: 'math', name: 'add', input: {} });
    expect(wrongKind).toMatchObject({ t: 'error', id: 101, error: { code: 'unknown_method' } });
    clientSide.send('not even an object' as never);
    await expect(api.math.add({ a: 3, b: 4 })).resolves.toBe(7);
  });

  it('passes service errors through with their code and message', async () => {
    const { api } = setup();
    await expect(api.math.fail()).rejects.toMatchObject({ code: 'not_found', message: 'No such thing' });
  });

  it('cancels a call: the caller gets `cancelled` and the handler sees its signal abort', async () => {
    const { api, observed } = setup();
    const controller = new AbortController();
    const pending = api.math.slow({ ms: 10_000 }, { signal: controller.signal });
    await tick();
    expect(observed.slowStarted).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await tick();
    expect(observed.slowAborted).toBe(true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { api, observed } = setup();
    await expect(api.math.slow({ ms: 5 }, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'cancelled',
    });
    await tick();
    expect(observed.slowStarted).toBe(0);
  });

  it('delivers events until the subscription is disposed, then nothing more and no listener left', async () => {
    const { api, ticks, client } = setup();
    const seen: number[] = [];
    const subscription = api.math.ticks({ every: 1 }, (n) => seen.push(n));
    await tick();
    expect(ticks.listenerCount).toBe(1);
    ticks.fire(1);
    ticks.fire(2);
    await tick();
    subscription.dispose();
    await tick();
    ticks.fire(3);
    await tick();
    expect(seen).toEqual([1, 2]);
    expect(ticks.listenerCount).toBe(0);
    expect(client.stats()).toEqual({ pendingCalls: 0, subscriptions: 0 });
  });

  it('ends every subscription and aborts running calls of a peer when its server side is disposed', async () => {
    const { api, ticks, server, observed } = setup();
    api.math.ticks({ every: 1 }, () => {});
    void api.math.slow({ ms: 10_000 }).catch(() => {});
    await tick();
    expect(ticks.listenerCount).toBe(1);
    server.dispose();
    expect(ticks.listenerCount).toBe(0);
    expect(observed.slowAborted).toBe(true);
  });

  it('rejects calls in flight with `disconnected` when a reconnecting transport drops, and re-listens when it returns', async () => {
    const [serverSide, clientSide] = createInMemoryPair();
    const connection = new Emitter<'connecting' | 'open' | 'closed'>();
    const ticks = new Emitter<number>();
    const impl: ContractImpl<typeof testContract> = {
      math: {
        add: ({ a, b }) => a + b,
        slow: () => new Promise(() => {}),
        fail: () => Promise.reject(new Error('no')),
        ticks: () => ticks.event,
      },
    };
    let server = serve(testContract, impl, serverSide, { peerId: 'a' });
    const client = createClient(testContract, { ...clientSide, onConnectionChange: connection.event }, () => {});
    const seen: number[] = [];
    client.api.math.ticks({ every: 1 }, (n) => seen.push(n));
    const inFlight = client.api.math.slow({ ms: 1 });
    await tick();
    connection.fire('closed');
    server.dispose(); // the old server is gone with its connection
    await expect(inFlight).rejects.toMatchObject({ code: 'disconnected' });
    server = serve(testContract, impl, serverSide, { peerId: 'b' });
    connection.fire('open');
    await tick();
    ticks.fire(5);
    await tick();
    expect(seen).toEqual([5]);
    server.dispose();
  });
});

describe('a client made from the contract shape alone (what a window is built with)', () => {
  function shapeSetup() {
    const [serverSide, clientSide] = createInMemoryPair();
    const ticks = new Emitter<number>();
    const server = serve(
      testContract,
      {
        math: { add: ({ a, b }) => a + b, slow: () => 'done', fail: () => 'never' as never, ticks: () => ticks.event },
      },
      serverSide,
      { peerId: 'test' },
    );
    // As the page gets it: plain data through JSON (electron.vite.config.ts defines it so).
    const shape = JSON.parse(JSON.stringify(contractShape(testContract))) as ReturnType<
      typeof contractShape<typeof testContract>
    >;
    const protocolErrors: unknown[] = [];
    const client = createClient<typeof testContract>(shape, clientSide, (error) => protocolErrors.push(error));
    return { server, client, ticks, serverSide, protocolErrors };
  }

  it('is names and member kinds only, no schemas', () => {
    expect(contractShape(testContract)).toEqual({
      math: {
        name: 'math',
        members: {
          add: { kind: 'method' },
          slow: { kind: 'method' },
          fail: { kind: 'method' },
          ticks: { kind: 'event' },
        },
      },
    });
  });

  it('calls and listens like a client made from the contract, and the server still refuses bad input', async () => {
    const { client, ticks, server } = shapeSetup();
    await expect(client.api.math.add({ a: 2, b: 40 })).resolves.toBe(42);
    const refused = await client.api.math.add({ a: 'two', b: 1 } as never).catch((e: unknown) => e);
    expect((refused as RpcError).code).toBe('invalid_request');
    const seen: number[] = [];
    const subscription = client.api.math.ticks({ every: 1 }, (n) => seen.push(n));
    await tick();
    ticks.fire(7);
    await tick();
    expect(seen).toEqual([7]);
    subscription.dispose();
    server.dispose();
  });

  it('refuses a malformed frame readably instead of throwing', async () => {
    const { serverSide, protocolErrors } = shapeSetup();
    expect(() => serverSide.send({ t: 'result', id: 'not a number' } as never)).not.toThrow();
    await tick();
    expect(protocolErrors).toHaveLength(1);
    expect(String(protocolErrors[0])).toMatch(/id/);
  });
});
