import { BRIDGE_KEY, type NaviBridge } from '../../../shared/contract/bridge';
// Its own modules, not the RPC barrel: the page opens its connection in its first task, before the
// RPC client and the wire's schemas (zod) are evaluated in a task of their own (main.tsx).
import { toDisposable, type Disposable } from '../../../shared/rpc/disposable';
import { Emitter } from '../../../shared/rpc/emitter';
import type { ConnectionState, Transport } from '../../../shared/rpc/protocol';
import { createReconnectingSocketTransport } from '../../../shared/rpc/socketTransport';

export interface RendererTransport extends Transport, Disposable {
  /** Where the connection is now: it may have opened before the RPC client was made on it. */
  readonly state: ConnectionState;
}

function bridgeTransport(bridge: NaviBridge): RendererTransport {
  const messages = new Emitter<unknown>();
  const stop = bridge.onMessage((message) => messages.fire(message));
  return {
    state: 'open',
    send: (message) => bridge.send(message),
    onMessage: messages.event,
    dispose: toDisposable(() => {
      stop();
      messages.dispose();
    }).dispose,
  };
}

/** The browser host hands out its token in the first URL; keep it for this tab, not in the address bar. */
function takeToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('navi.token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url);
    return fromUrl;
  }
  return sessionStorage.getItem('navi.token') ?? undefined;
}

/** One UI code path: the Electron bridge when the preload provided it, the host's WebSocket otherwise. */
export function createRendererTransport(): RendererTransport {
  const bridge = (window as unknown as Record<string, NaviBridge | undefined>)[BRIDGE_KEY];
  if (bridge) return bridgeTransport(bridge);
  const token = takeToken();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return createReconnectingSocketTransport(() => new WebSocket(`${scheme}://${window.location.host}/rpc${query}`));
}
