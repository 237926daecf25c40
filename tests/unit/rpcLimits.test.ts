import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createClient,
  createInMemoryPair,
  defineService,
  Emitter,
  event,
  method,
  serve,
  type ContractImpl,
} from '../../src/shared/rpc';

const limitsContract = {
  work: defineService('work', {
    hang: method({ input: z.undefined(), output: z.literal('never') }),
    ping: method({ input: z.undefined(), output: z.literal('pong') }),
    ticks: event({ input: z.undefined(), payload: z.number() }),
  }),
};

function setup(limits: { maxPendingCalls: number; maxSubscriptions: number }) {
  const [serverSide, clientSide] = createInMemoryPair();
  const ticks = new Emitter<number>();
  const protocolErrors: unknown[] = [];
  const impl: ContractImpl<typeof limitsContract> = {
    work: {
      hang: () => new Promise<'never'>(() => {}),
      ping: () => 'pong',
      ticks: () => ticks.event,
    },
  };
  const served = serve(limitsContract, impl, serverSide, { peerId: 'p', ...limits });
  const client = createClient(limitsContract, clientSide, (error) => protocolErrors.push(error));
  return { served, client, ticks, protocolErrors };
}

describe('per-connection limits in serve', () => {
  it('refuses calls past the most that may run at once, and accepts more once they end', async () => {
    const { served, client } = setup({ maxPendingCalls: 3, maxSubscriptions: 10 });
    const controller = new AbortController();
    const hanging = [1, 2, 3].map(() => client.api.work.hang(undefined, { signal: controller.signal }).catch(() => {}));
    await expect(client.api.work.ping()).rejects.toMatchObject({
      code: 'busy',
      message: 'Too many requests at once: at most 3 may be running',
    });
    expect(served.stats().pendingCalls).toBe(3);
    controller.abort();
    await Promise.all(hanging);
    await expect.poll(() => served.stats().pendingCalls).toBe(0);
    await expect(client.api.work.ping()).resolves.toBe('pong');
  });

  it('ends subscriptions past the cap with a readable error and keeps the ones it holds', async () => {
    const { served, client, ticks, protocolErrors } = setup({ maxPendingCalls: 10, maxSubscriptions: 2 });
    const seen: number[][] = [[], [], []];
    const subscriptions = seen.map((list) => client.api.work.ticks(undefined, (value) => list.push(value)));
    await expect.poll(() => protocolErrors).toHaveLength(1);
    expect(protocolErrors[0]).toMatchObject({
      code: 'busy',
      message: 'Too many live updates on one connection: at most 2',
    });
    ticks.fire(7);
    await expect.poll(() => seen).toEqual([[7], [7], []]);
    expect(served.stats().subscriptions).toBe(2);
    subscriptions[0]!.dispose();
    await expect.poll(() => served.stats().subscriptions).toBe(1);
  });
});
