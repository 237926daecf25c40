/** What the Electron preload exposes on `window.navi`: one RPC connection carrying contract messages. */
export interface NaviBridge {
  send(message: unknown): void;
  /** Returns a function that removes the listener. */
  onMessage(listener: (message: unknown) => void): () => void;
}

export const BRIDGE_KEY = 'navi';
/**
 * Each page load's preload says hello on this IPC channel; the main process answers on PORT_CHANNEL
 * with a MessagePort that carries that page load's RPC connection, replacing the previous one.
 */
export const HELLO_CHANNEL = 'navi:hello';
export const PORT_CHANNEL = 'navi:port';
/** Messages a page may send before its port arrives (the renderer starts calling at once). */
export const MAX_QUEUED_BEFORE_CONNECTED = 1_000;
