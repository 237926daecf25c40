/** What the Electron preload exposes on `window.navi`: one RPC channel carrying contract messages. */
export interface NaviBridge {
  send(message: unknown): void;
  /** Returns a function that removes the listener. */
  onMessage(listener: (message: unknown) => void): () => void;
}

export const BRIDGE_KEY = 'navi';
export const RPC_CHANNEL = 'navi:rpc';
