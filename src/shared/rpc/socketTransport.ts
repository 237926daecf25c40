import type { Disposable } from './disposable';
import { Emitter, type Event } from './emitter';
import type { ConnectionState, Transport, WireMessage } from './protocol';

/** The part of the WebSocket API both the browser's WebSocket and the `ws` package provide. */
export interface SocketLike {
  readonly readyState: number;
  /** Bytes queued but not yet sent: grows when the other side stops reading. */
  readonly bufferedAmount?: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const OPEN = 1;
/** Past this many unsent bytes a peer counts as congested and streams coalesce instead of queueing. */
export const CONGESTED_BYTES = 1024 * 1024;

export interface SocketTransport extends Transport, Disposable {
  readonly state: ConnectionState;
  readonly onConnectionChange: Event<ConnectionState>;
}

/** Wraps one already-connected socket (the server's side of a connection). */
export function createSocketTransport(socket: SocketLike): SocketTransport {
  const messages = new Emitter<unknown>();
  const connection = new Emitter<ConnectionState>();
  let state: ConnectionState = socket.readyState === OPEN ? 'open' : 'connecting';
  socket.addEventListener('message', (event) => {
    const parsed = parseFrame(event.data);
    if (parsed !== undefined) messages.fire(parsed);
  });
  socket.addEventListener('open', () => connection.fire((state = 'open')));
  socket.addEventListener('close', () => connection.fire((state = 'closed')));
  return {
    get state() {
      return state;
    },
    send: (message) => {
      if (socket.readyState === OPEN) socket.send(JSON.stringify(message));
    },
    isCongested: () => (socket.bufferedAmount ?? 0) > CONGESTED_BYTES,
    onMessage: messages.event,
    onConnectionChange: connection.event,
    dispose: () => {
      socket.close(1000, 'closing');
      messages.dispose();
      connection.dispose();
    },
  };
}

export interface ReconnectOptions {
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Messages sent while disconnected wait here until the next connection; beyond this they are dropped. */
  readonly maxQueued?: number;
}

/**
 * A client transport that keeps reconnecting with capped exponential backoff after the other side
 * goes away (a restarted browser host), reporting each state change.
 */
export function createReconnectingSocketTransport(
  connect: () => SocketLike,
  { minDelayMs = 250, maxDelayMs = 5000, maxQueued = 1000 }: ReconnectOptions = {},
): SocketTransport {
  const messages = new Emitter<unknown>();
  const connection = new Emitter<ConnectionState>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | undefined;
  let queue: string[] = [];
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const setState = (next: ConnectionState): void => {
    if (state === next) return;
    state = next;
    connection.fire(next);
  };

  const open = (): void => {
    if (disposed) return;
    setState('connecting');
    const current = connect();
    socket = current;
    let closed = false;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      attempt = 0;
      const waiting = queue;
      queue = [];
      for (const frame of waiting) current.send(frame);
      setState('open');
    });
    current.addEventListener('message', (event) => {
      if (socket !== current) return;
      const parsed = parseFrame(event.data);
      if (parsed !== undefined) messages.fire(parsed);
    });
    const onGone = (): void => {
      if (closed || socket !== current) return;
      closed = true;
      socket = undefined;
      queue = [];
      setState('closed');
      if (disposed) return;
      const delay = Math.min(maxDelayMs, minDelayMs * 2 ** attempt++) * (0.75 + Math.random() * 0.5);
      timer = setTimeout(open, delay);
    };
    current.addEventListener('close', onGone);
    current.addEventListener('error', onGone);
  };

  open();

  return {
    get state() {
      return state;
    },
    send: (message: WireMessage) => {
      const frame = JSON.stringify(message);
      if (socket && socket.readyState === OPEN) socket.send(frame);
      else if (queue.length < maxQueued) queue.push(frame);
    },
    onMessage: messages.event,
    onConnectionChange: connection.event,
    dispose: () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      socket?.close(1000, 'closing');
      socket = undefined;
      messages.dispose();
      connection.dispose();
    },
  };
}

function parseFrame(data: unknown): unknown {
  const text =
    typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : String(data);
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
