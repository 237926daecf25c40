import { MAX_PENDING_CALLS_PER_CONNECTION, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../contract/limits';
import type { Disposable } from './disposable';
import { DisposableStore } from './disposable';
import { RpcError } from './errors';
import { WireMessage, type ServerMessage, type Transport } from './protocol';
import type { CallContext, ContractImpl, ContractSpec, MemberSpec } from './service';

export interface ServeOptions {
  /** Identifies the peer (window, socket) to services. */
  readonly peerId: string;
  /** Told about internal failures; the caller still gets a typed error answer. */
  readonly onInternalError?: (error: unknown) => void;
  /** Told, in one line, about a message that breaks the protocol (the peer is buggy or hostile). */
  readonly onProtocolError?: (reason: string) => void;
  /** Most live subscriptions and calls in flight this peer may hold; more are refused. */
  readonly maxSubscriptions?: number;
  readonly maxPendingCalls?: number;
}

/** One peer being served; disposing ends its calls and subscriptions. */
export interface ServedPeer extends Disposable {
  readonly stats: () => { pendingCalls: number; subscriptions: number };
}

interface Handler {
  readonly spec: MemberSpec;
  readonly fn: (input: unknown, context: CallContext) => unknown;
}

/**
 * Answers requests from one peer. Every request is validated against its schema first; a bad one
 * gets a typed error answer and the server keeps serving. Disposing aborts running calls and ends
 * every subscription of this peer.
 */
export function serve<C extends ContractSpec>(
  contract: C,
  implementation: ContractImpl<C>,
  transport: Transport,
  options: ServeOptions,
): ServedPeer {
  const handlers = new Map<string, Handler>();
  for (const [key, spec] of Object.entries(contract)) {
    const impl = (implementation as Record<string, Record<string, Handler['fn']>>)[key];
    for (const [name, member] of Object.entries(spec.members)) {
      const fn = impl?.[name];
      if (typeof fn !== 'function') throw new Error(`Service ${spec.name} has no implementation for ${name}`);
      handlers.set(`${spec.name}.${name}`, { spec: member, fn: fn.bind(impl) });
    }
  }

  const store = new DisposableStore();
  const calls = new Map<number, AbortController>();
  const subscriptions = new Map<number, Disposable>();
  const maxSubscriptions = options.maxSubscriptions ?? MAX_SUBSCRIPTIONS_PER_CONNECTION;
  const maxPendingCalls = options.maxPendingCalls ?? MAX_PENDING_CALLS_PER_CONNECTION;

  const send = (message: ServerMessage): void => {
    if (store.isDisposed) return;
    // Sending runs inside event sources' callbacks and timers: a failure must not escape into them.
    try {
      transport.send(message);
    } catch (error) {
      options.onInternalError?.(error);
    }
  };
  const isCongested = (): boolean => transport.isCongested?.() ?? false;
  const connection = new AbortController();
  const context = (signal: AbortSignal): CallContext => ({
    signal,
    peerId: options.peerId,
    isCongested,
    connectionClosed: connection.signal,
  });

  const fail = (id: number, error: RpcError): void => send({ t: 'error', id, error: error.toData() });

  const resolve = (id: number, service: string, name: string, kind: MemberSpec['kind'], input: unknown) => {
    const handler = handlers.get(`${service}.${name}`);
    if (!handler || handler.spec.kind !== kind) {
      fail(id, new RpcError('unknown_method', `Unknown ${kind} ${service}.${name}`));
      return undefined;
    }
    const parsed = handler.spec.input.safeParse(input);
    if (!parsed.success) {
      fail(id, RpcError.fromZod(`Invalid input for ${service}.${name}`, parsed.error));
      return undefined;
    }
    return { handler, input: parsed.data };
  };

  const onCall = async (id: number, service: string, name: string, input: unknown): Promise<void> => {
    if (calls.has(id)) return fail(id, new RpcError('invalid_request', `Call ${id} is already running`));
    if (calls.size >= maxPendingCalls) {
      return fail(id, new RpcError('busy', `Too many requests at once: at most ${maxPendingCalls} may be running`));
    }
    const found = resolve(id, service, name, 'method', input);
    if (!found) return;
    const controller = new AbortController();
    calls.set(id, controller);
    try {
      const value = await found.handler.fn(found.input, context(controller.signal));
      if (controller.signal.aborted) return;
      send({ t: 'result', id, value });
    } catch (error) {
      if (controller.signal.aborted) return;
      const rpcError = RpcError.from(error);
      if (rpcError.code === 'internal') options.onInternalError?.(error);
      fail(id, rpcError);
    } finally {
      calls.delete(id);
    }
  };

  const onListen = (id: number, service: string, name: string, input: unknown): void => {
    if (subscriptions.has(id)) return fail(id, new RpcError('invalid_request', `Subscription ${id} already exists`));
    if (subscriptions.size >= maxSubscriptions) {
      const refusal = new RpcError('busy', `Too many live updates on one connection: at most ${maxSubscriptions}`);
      return send({ t: 'end', id, error: refusal.toData() });
    }
    const found = resolve(id, service, name, 'event', input);
    if (!found) return;
    const controller = new AbortController();
    try {
      const source = found.handler.fn(found.input, context(controller.signal)) as (
        listener: (value: unknown) => void,
      ) => Disposable;
      const listener = source((value) => send({ t: 'event', id, value }));
      subscriptions.set(id, {
        dispose: () => {
          controller.abort();
          listener.dispose();
        },
      });
    } catch (error) {
      const rpcError = RpcError.from(error);
      if (rpcError.code === 'internal') options.onInternalError?.(error);
      send({ t: 'end', id, error: rpcError.toData() });
    }
  };

  store.add(
    transport.onMessage((raw) => {
      const parsed = WireMessage.safeParse(raw);
      if (!parsed.success) {
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
          fail(id, RpcError.fromZod('Malformed request', parsed.error));
        } else {
          options.onProtocolError?.('dropped a message without a valid id');
        }
        return;
      }
      const message = parsed.data;
      switch (message.t) {
        case 'call':
          void onCall(message.id, message.service, message.name, message.input);
          break;
        case 'cancel':
          calls.get(message.id)?.abort();
          calls.delete(message.id);
          break;
        case 'listen':
          onListen(message.id, message.service, message.name, message.input);
          break;
        case 'unlisten':
          subscriptions.get(message.id)?.dispose();
          subscriptions.delete(message.id);
          break;
        default:
          fail(message.id, new RpcError('invalid_request', `A server does not accept '${message.t}' messages`));
      }
    }),
  );

  store.add({
    dispose: () => {
      connection.abort();
      for (const controller of calls.values()) controller.abort();
      calls.clear();
      for (const subscription of subscriptions.values()) subscription.dispose();
      subscriptions.clear();
    },
  });
  return {
    stats: () => ({ pendingCalls: calls.size, subscriptions: subscriptions.size }),
    dispose: () => store.dispose(),
  };
}
