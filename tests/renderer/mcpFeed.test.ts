import { beforeEach, describe, expect, it } from 'vitest';
import type { NaviClient } from '../../src/shared/contract';
import { loadMcpServers, retainMcpFeed } from '../../src/renderer/src/components/mcp/mcpFeed';
import { useMcpStore } from '../../src/renderer/src/stores/mcpStore';

/** A core that counts `mcp.list` calls and the feed's subscriptions made and ended. */
function fakeApi(options: { failLists?: number } = {}) {
  const counts = { lists: 0, subscribed: 0, disposed: 0 };
  let failures = options.failLists ?? 0;
  const subscription = () => {
    counts.subscribed++;
    return { dispose: () => counts.disposed++ };
  };
  const api = {
    events: { onAppEvent: subscription },
    mcp: {
      onChanged: subscription,
      list: () => {
        counts.lists++;
        return failures-- > 0 ? Promise.reject(new Error('down')) : Promise.resolve([]);
      },
    },
  } as unknown as NaviClient;
  return { api, counts };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('the MCP feed', () => {
  beforeEach(() => useMcpStore.setState({ servers: undefined, loadError: undefined }));

  it('stays subscribed and loaded when one view goes and the next comes in the same task', async () => {
    const { api, counts } = fakeApi();
    const releaseIndicator = retainMcpFeed(api);
    const releaseComposer = retainMcpFeed(api);
    loadMcpServers(api, 1);
    loadMcpServers(api, 1);
    expect(counts).toEqual({ lists: 1, subscribed: 2, disposed: 0 });
    await settle();

    // A switch: both unmount, then the next conversation's two mount.
    releaseIndicator();
    releaseComposer();
    const next = [retainMcpFeed(api), retainMcpFeed(api)];
    loadMcpServers(api, 1);
    loadMcpServers(api, 1);
    await settle();
    expect(counts).toEqual({ lists: 1, subscribed: 2, disposed: 0 });

    // A reconnection loads again; the last view gone ends the feed once the task is over.
    loadMcpServers(api, 2);
    expect(counts.lists).toBe(2);
    for (const release of next) release();
    expect(counts.disposed).toBe(0);
    await settle();
    expect(counts).toEqual({ lists: 2, subscribed: 2, disposed: 2 });

    // Changes while nothing listened were missed: the next view subscribes and loads again.
    const later = retainMcpFeed(api);
    loadMcpServers(api, 2);
    expect(counts).toEqual({ lists: 3, subscribed: 4, disposed: 2 });
    later();
    await settle();
    expect(counts.disposed).toBe(4);
  });

  it('asks again for a list that failed to load, when the next view asks', async () => {
    const { api, counts } = fakeApi({ failLists: 1 });
    const release = retainMcpFeed(api);
    loadMcpServers(api, 1);
    await settle();
    expect(useMcpStore.getState().loadError).toBe('down');
    loadMcpServers(api, 1);
    await settle();
    expect(counts.lists).toBe(2);
    expect(useMcpStore.getState()).toMatchObject({ servers: [], loadError: undefined });
    release();
    await settle();
  });
});
