import type { NaviClient } from '../../../../shared/contract';
import type { Disposable } from '../../../../shared/rpc';
import { useMcpStore } from '../../stores/mcpStore';

let users = 0;
let subscriptions: Disposable[] = [];
/** A release that took the count to nothing ends the feed when the current task's work is done. */
let ending = false;
/** The connection generation the list was last loaded for while this feed has been live. */
let loaded: { readonly api: NaviClient; readonly generation: number } | undefined;

/**
 * Keeps the MCP store live while anything shows it (the chat indicator, the settings list):
 * status changes come as `mcp-status` app events, settings changes from any window as
 * `mcp.onChanged` (answered by reloading the list). One subscription however many views retain it.
 *
 * A view that goes while another takes its place (switching conversation: one chat view unmounts
 * and the next mounts in the same commit) does not end the feed: the last release ends it only if
 * nothing has retained it again by the end of that task's microtasks, so a switch neither tears down
 * and re-makes the subscriptions nor asks for the list again.
 */
export function retainMcpFeed(api: NaviClient): () => void {
  if (users++ === 0 && !ending) {
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
    if (--users > 0 || ending) return;
    ending = true;
    queueMicrotask(() => {
      ending = false;
      if (users > 0) return;
      for (const subscription of subscriptions) subscription.dispose();
      subscriptions = [];
      // Changes while nothing listens are missed: the next view to retain the feed loads again.
      loaded = undefined;
    });
  };
}

/**
 * Loads the servers for a view that retains the feed, unless they were loaded already for this
 * connection generation while the feed has been live (it keeps them current): views mounting
 * together, or one replacing another, ask once. A reconnection (a new generation) loads again, and
 * so does a load that failed, when the next view asks.
 */
export function loadMcpServers(api: NaviClient, generation: number): void {
  if (loaded?.api === api && loaded.generation === generation) return;
  const current = { api, generation };
  loaded = current;
  const store = useMcpStore.getState();
  void store.load(api).then(() => {
    if (loaded === current && useMcpStore.getState().loadError !== undefined) loaded = undefined;
  });
}
