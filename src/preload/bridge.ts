import { HELLO_CHANNEL, MAX_QUEUED_BEFORE_CONNECTED, PORT_CHANNEL, type NaviBridge } from '../shared/contract/bridge';
import { contract } from '../shared/contract';
import { frameRefusal } from '../shared/rpc/frameSize';
import { WireMessage } from '../shared/rpc/protocol';

/** The slice of Electron's ipcRenderer the bridge uses (tests pass a fake page's). */
export interface IpcRendererLike {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: { readonly ports?: readonly PortLike[] }, ...args: unknown[]) => void): unknown;
}

/** The DOM MessagePort a sandboxed preload receives. */
export interface PortLike {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  postMessage(message: unknown): void;
}

const serviceNames = new Set(Object.values(contract).map((service) => service.name));

/** Only well-formed messages for the contract's services leave the page. */
function isContractMessage(message: unknown): boolean {
  const parsed = WireMessage.safeParse(message);
  if (!parsed.success) return false;
  const value = parsed.data;
  return value.t === 'call' || value.t === 'listen'
    ? serviceNames.has(value.service)
    : value.t === 'cancel' || value.t === 'unlisten';
}

/**
 * The bridge of one page load. It says hello to the main process, which answers with this load's
 * own MessagePort; messages sent before it arrives wait (bounded). A reload runs the preload again,
 * so a new page never shares a connection, call ids or subscriptions with the old one.
 */
export function createBridge(ipcRenderer: IpcRendererLike): NaviBridge {
  const listeners = new Set<(message: unknown) => void>();
  const waiting: unknown[] = [];
  let port: PortLike | undefined;

  ipcRenderer.on(PORT_CHANNEL, (event) => {
    const received = event.ports?.[0];
    if (port || !received) return;
    port = received;
    port.addEventListener('message', ({ data }) => {
      for (const listener of [...listeners]) listener(data);
    });
    port.start();
    for (const message of waiting.splice(0)) port.postMessage(message);
  });
  ipcRenderer.send(HELLO_CHANNEL);

  return {
    send(message) {
      if (!isContractMessage(message)) throw new Error('Navi bridge: refused a message outside the contract');
      const tooLarge = frameRefusal(message);
      if (tooLarge) throw new Error(tooLarge);
      if (port) return port.postMessage(message);
      if (waiting.length >= MAX_QUEUED_BEFORE_CONNECTED) {
        throw new Error('Navi bridge: the app has not connected this window yet; try again in a moment');
      }
      waiting.push(message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
