import { useState } from 'react';
import type { McpServer } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useMcpStore } from '../../stores/mcpStore';

export type McpAction = 'enable' | 'reconnect' | 'remove';

export interface McpServerActions {
  /** The action on its way, if any. */
  readonly busy: McpAction | undefined;
  /** On or off as the person last chose, before the core has answered. */
  readonly enabled: boolean;
  readonly error: string | undefined;
  setEnabled(enabled: boolean): Promise<void>;
  reconnect(): Promise<void>;
  /** Resolves true once the server is gone. */
  remove(): Promise<boolean>;
  clearError(): void;
}

/** Switching a server on or off, reconnecting and removing it, with the error of the last try. */
export function useMcpServerActions(server: McpServer): McpServerActions {
  const api = useApi();
  const [busy, setBusy] = useState<McpAction>();
  const [error, setError] = useState<string>();
  const [requested, setRequested] = useState<boolean>();
  const { id } = server;

  const run = async <T>(action: McpAction, call: () => Promise<T>): Promise<T | undefined> => {
    setBusy(action);
    setError(undefined);
    try {
      return await call();
    } catch (caught) {
      setError(errorMessage(caught));
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };

  return {
    busy,
    error,
    enabled: requested ?? server.enabled,
    clearError: () => setError(undefined),
    setEnabled: async (enabled) => {
      setRequested(enabled);
      const saved = await run('enable', () => api.mcp.setEnabled({ id, enabled }));
      if (saved) useMcpStore.getState().upsert(saved);
      setRequested(undefined);
    },
    reconnect: async () => {
      const saved = await run('reconnect', () => api.mcp.reconnect({ id }));
      if (saved) useMcpStore.getState().upsert(saved);
    },
    remove: async () => {
      const result = await run('remove', () => api.mcp.remove({ id }));
      if (!result) return false;
      useMcpStore.getState().removeLocal(id);
      return true;
    },
  };
}
