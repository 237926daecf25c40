import { DisposableStore, toDisposable, type Disposable } from './disposable';
import { RpcError } from './errors';
import { WireMessage, type ClientMessage, type Transport } from './protocol';
import type { CallOptions, ContractClient, ContractShape, ContractSpec } from './service';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: RpcError): void;
  cleanup(): void;
}

interface ActiveListen {
  readonly service: string;
  readonly name: string;
  readonly input: unknown;
  readonly listener: (value: unknown) => void;
}

export interface RpcClient<C extends ContractSpec> extends Disposable {
  readonly api: ContractClient<C>;
  /** Counts for leak checks and diagnostics. */
  readonly stats: () => { pendingCalls: number; subscriptions: number };
}

/**
 * A typed proxy for a contract over any transport. Calls can be cancelled with an AbortSignal;
 * subscriptions are disposables. When a reconnecting transport comes back, live subscriptions are
 * re-established and calls that were in flight when it dropped fail with `disconnected`.
 */
export function createClient<C extends ContractSpec>(
  contract: C,
  transport: Transport,
  onProtocolError?: (error: unknown) => void,
): RpcClient<C>;
/** The same from the contract's shape alone (names and member kinds): no schemas needed to call. */
export function createClient<C extends ContractSpec>(
  contract: ContractShape<C>,
  transport: Transport,
  onProtocolError?: (error: unknown) => void,
): RpcClient<C>;
export function createClient<C extends ContractSpec>(
  contract: ContractShape<C>,
  transport: Transport,
  onProtocolError: (error: unknown) => void = (error) => console.warn('RPC:', error),
): RpcClient<C> {
  const store = new DisposableStore();
  const pending = new Map<number, PendingCall>();
  const listens = new Map<number, ActiveListen>();
  let nextId = 1;
  let wasClosed = false;

  const send = (message: ClientMessage): void => transport.send(message);

  store.add(
    transport.onMessage((raw) => {
      const parsed = WireMessage.safeParse(raw);
      if (!parsed.success) return onProtocolError(parsed.error);
      const message = parsed.data;
      switch (message.t) {
        case 'result':
          pending.get(message.id)?.resolve(message.value);
          break;
        case 'error':
          if (pending.has(message.id)) pending.get(message.id)?.reject(RpcError.fromData(message.error));
          else if (listens.has(message.id)) {
            listens.delete(message.id);
            onProtocolError(RpcError.fromData(message.error));
          }
          break;
        case 'event':
          listens.get(message.id)?.listener(message.value);
          break;
        case 'end':
          listens.delete(message.id);
          if (message.error) onProtocolError(RpcError.fromData(message.error));
          break;
        default:
          onProtocolError(new Error(`A client does not accept '${message.t}' messages`));
      }
    }),
  );

  if (transport.onConnectionChange) {
    store.add(
      transport.onConnectionChange((state) => {
        if (state === 'closed') {
          wasClosed = true;
          for (const call of [...pending.values()]) call.reject(new RpcError('disconnected', 'Disconnected from Navi'));
        } else if (state === 'open' && wasClosed) {
          wasClosed = false;
          for (const [id, listen] of listens) {
            send({ t: 'listen', id, service: listen.service, name: listen.name, input: listen.input });
          }
        }
      }),
    );
  }

  const call = (service: string, name: string, input: unknown, options?: CallOptions): Promise<unknown> => {
    if (store.isDisposed) return Promise.reject(new RpcError('disconnected', 'Client is closed'));
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(new RpcError('cancelled', `${service}.${name} was cancelled`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        send({ t: 'cancel', id });
        entry.reject(new RpcError('cancelled', `${service}.${name} was cancelled`));
      };
      const entry: PendingCall = {
        resolve: (value) => {
          entry.cleanup();
          resolve(value);
        },
        reject: (error) => {
          entry.cleanup();
          reject(error);
        },
        cleanup: () => {
          pending.delete(id);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      pending.set(id, entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      send({ t: 'call', id, service, name, input });
    });
  };

  const listen = (service: string, name: string, input: unknown, listener: (value: unknown) => void): Disposable => {
    const id = nextId++;
    listens.set(id, { service, name, input, listener });
    send({ t: 'listen', id, service, name, input });
    return toDisposable(() => {
      if (!listens.delete(id)) return;
      if (!store.isDisposed) send({ t: 'unlisten', id });
    });
  };

  const api: Record<string, Record<string, unknown>> = {};
  const services: Record<string, { name: string; members: Record<string, { kind: 'method' | 'event' }> }> = contract;
  for (const [key, spec] of Object.entries(services)) {
    const service: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(spec.members)) {
      service[name] =
        member.kind === 'method'
          ? (input?: unknown, options?: CallOptions) => call(spec.name, name, input, options)
          : (input: unknown, listener: (value: unknown) => void) => listen(spec.name, name, input, listener);
    }
    api[key] = service;
  }

  store.add({
    dispose: () => {
      for (const entry of [...pending.values()]) entry.reject(new RpcError('disconnected', 'Client is closed'));
      for (const id of listens.keys()) send({ t: 'unlisten', id });
      listens.clear();
    },
  });

  return {
    api: api as ContractClient<C>,
    stats: () => ({ pendingCalls: pending.size, subscriptions: listens.size }),
    dispose: () => store.dispose(),
  };
}
