import { useCallback, useEffect, useState } from 'react';
import type { McpServer, McpToolInfo } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useMcpStore } from '../../stores/mcpStore';

export interface McpTools {
  readonly tools: readonly McpToolInfo[] | undefined;
  readonly error: string | undefined;
  setEnabled(tool: string, enabled: boolean): Promise<void>;
}

/** A server's tools while `active` (the list is open), listed again whenever its status changes. */
export function useMcpTools(server: McpServer, active: boolean): McpTools {
  const api = useApi();
  const [tools, setTools] = useState<readonly McpToolInfo[]>();
  const [error, setError] = useState<string>();
  const { id } = server;
  const { state, toolCount } = server.status;

  useEffect(() => {
    if (!active) return;
    let current = true;
    api.mcp.listTools({ id }).then(
      (listed) => {
        if (!current) return;
        setTools(listed);
        setError(undefined);
      },
      (caught: unknown) => current && setError(errorMessage(caught)),
    );
    return () => {
      current = false;
    };
  }, [api, id, active, state, toolCount]);

  const setEnabled = useCallback(
    async (tool: string, enabled: boolean): Promise<void> => {
      setTools((list) => list?.map((entry) => (entry.name === tool ? { ...entry, enabled } : entry)));
      try {
        useMcpStore.getState().upsert(await api.mcp.setToolEnabled({ id, tool, enabled }));
        setError(undefined);
      } catch (caught) {
        setTools((list) => list?.map((entry) => (entry.name === tool ? { ...entry, enabled: !enabled } : entry)));
        setError(errorMessage(caught));
      }
    },
    [api, id],
  );

  return { tools, error, setEnabled };
}
