import type { NaviClient } from '../../../../shared/contract';
import type { Disposable } from '../../../../shared/rpc';
import { useMcpStore } from '../../stores/mcpStore';

let users = 0;
let subscriptions: Disposable[] = [];

/**
 * Keeps the MCP store live while anything shows it (the chat indicator, the settings list):
 * status changes come as `mcp-status` app events, settings changes from any window as
 * `mcp.onChanged` (answered by reloading the list). One subscription however many views retain it.
 */
export function retainMcpFeed(api: NaviClient): () => void {
  if (users++ === 0) {
    const store = useMcpStore.getState();
    subscriptions = [
      api.events.onAppEvent(undefined, (event) => {
        if (event.type === 'mcp-status') store.applyStatus(event.server);
      }),
      api.mcp.onChanged(undefined, () => void store.load(api)),
    ];
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--users === 0) {
      for (const subscription of subscriptions) subscription.dispose();
      subscriptions = [];
    }
  };
}
