import { contract, type NaviClient } from '../../../shared/contract';
import { createClient } from '../../../shared/rpc';
import { useConnectionStore } from '../stores/connectionStore';
import { createRendererTransport } from './transport';

export interface Connection {
  readonly api: NaviClient;
  dispose(): void;
}

/** Connects the window to the core once and mirrors the connection state into the store. */
export function connect(): Connection {
  const transport = createRendererTransport();
  const client = createClient(contract, transport);
  const setState = useConnectionStore.getState().setState;
  setState(transport.initialState);
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
