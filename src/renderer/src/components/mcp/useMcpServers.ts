import { useEffect } from 'react';
import type { McpServer } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { useConnectionStore } from '../../stores/connectionStore';
import { useMcpStore } from '../../stores/mcpStore';
import { loadMcpServers, retainMcpFeed } from './mcpFeed';

/**
 * The configured MCP servers with their live status: loaded when a view first needs them and
 * again after every reconnection (changes missed while away), then kept live by the feed (views
 * that come while it is live, such as the next conversation's, do not ask again).
 */
export function useMcpServers(): readonly McpServer[] | undefined {
  const api = useApi();
  const generation = useConnectionStore((store) => store.generation);
  useEffect(() => retainMcpFeed(api), [api]);
  useEffect(() => {
    if (generation > 0) loadMcpServers(api, generation);
  }, [api, generation]);
  return useMcpStore((state) => state.servers);
}
