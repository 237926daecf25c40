import { BRIDGE_KEY, type NaviBridge } from '../../../shared/contract/bridge';
import {
  createReconnectingSocketTransport,
  Emitter,
  toDisposable,
  type ConnectionState,
  type Disposable,
  type Transport,
} from '../../../shared/rpc';

export interface RendererTransport extends Transport, Disposable {
  readonly initialState: ConnectionState;
}

function bridgeTransport(bridge: NaviBridge): RendererTransport {
  const messages = new Emitter<unknown>();
  const stop = bridge.onMessage((message) => messages.fire(message));
  return {
    initialState: 'open',
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
  const socket = createReconnectingSocketTransport(
    () => new WebSocket(`${scheme}://${window.location.host}/rpc${query}`),
  );
  return Object.assign(socket, { initialState: 'connecting' as const });
}
