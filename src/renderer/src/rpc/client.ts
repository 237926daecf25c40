import type { NaviClient, NaviContract } from '../../../shared/contract';
import { createClient, type ContractShape } from '../../../shared/rpc';
import { useConnectionStore } from '../stores/connectionStore';
import type { RendererTransport } from './transport';

/**
 * The contract's shape (service names, which members are methods and which events), computed from
 * the contract when the page is built (electron.vite.config.ts). The window sends and receives
 * through the RPC client only; the core validates every request against the contract's schemas.
 * Building those schemas here was a large share of every page load's first task, before
 * anything could be painted; the views that check input against them (settings forms) load with
 * their own chunks.
 */
declare const __NAVI_CONTRACT_SHAPE__: ContractShape<NaviContract>;

export interface Connection {
  readonly api: NaviClient;
  dispose(): void;
}

/**
 * Makes the window's RPC client on its transport (opened first, see main.tsx) and mirrors the
 * connection state into the store. The connection owns the transport from here on.
 */
export function connect(transport: RendererTransport): Connection {
  const client = createClient<NaviContract>(__NAVI_CONTRACT_SHAPE__, transport);
  const setState = useConnectionStore.getState().setState;
  setState(transport.state);
  const watch = transport.onConnectionChange?.((state) => setState(state));
  return {
    api: client.api,
    dispose: () => {
      watch?.dispose();
      client.dispose();
      transport.dispose();
    },
  };
}
