import { z } from 'zod';
import type { Event } from './emitter';
import { RpcErrorData } from './errors';

const id = z.number().int().nonnegative();

/** Everything that crosses a transport. Both ends validate what they receive against this. */
export const WireMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id, service: z.string(), name: z.string(), input: z.unknown().optional() }),
  z.object({ t: z.literal('cancel'), id }),
  z.object({ t: z.literal('listen'), id, service: z.string(), name: z.string(), input: z.unknown().optional() }),
  z.object({ t: z.literal('unlisten'), id }),
  z.object({ t: z.literal('result'), id, value: z.unknown().optional() }),
  z.object({ t: z.literal('error'), id, error: RpcErrorData }),
  z.object({ t: z.literal('event'), id, value: z.unknown().optional() }),
  /** The server ended a subscription on its own (bad input, source gone). */
  z.object({ t: z.literal('end'), id, error: RpcErrorData.optional() }),
]);
export type WireMessage = z.infer<typeof WireMessage>;
export type ClientMessage = Extract<WireMessage, { t: 'call' | 'cancel' | 'listen' | 'unlisten' }>;
export type ServerMessage = Extract<WireMessage, { t: 'result' | 'error' | 'event' | 'end' }>;

export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * A transport is just a way to send a message and hear messages. Electron IPC, WebSocket and
 * the in-memory pair all implement it, so every service works over every transport unchanged.
 */
export interface Transport {
  send(message: WireMessage): void;
  readonly onMessage: Event<unknown>;
  /** Only transports that can lose and regain their connection report this. */
  readonly onConnectionChange?: Event<ConnectionState>;
  /** True while the peer is not reading fast enough (its send buffer is full); streams hold back. */
  isCongested?(): boolean;
}
