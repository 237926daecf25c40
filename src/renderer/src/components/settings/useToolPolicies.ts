import { useCallback, useEffect, useState } from 'react';
import type { PolicyTarget, ToolPolicy, ToolPolicyOverview } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';

export interface ToolPolicies {
  readonly overview: ToolPolicyOverview | undefined;
  readonly error: string | undefined;
  /** Sets a rule (null: back to what it inherits). */
  set(target: PolicyTarget, policy: ToolPolicy | null): Promise<void>;
}

/**
 * Every tool's policy as the core resolves it, kept current: reloaded when a rule changes in any
 * window ("Always allow" on a card too), when servers are added or removed, and when their tools change.
 */
export function useToolPolicies(): ToolPolicies {
  const api = useApi();
  const [overview, setOverview] = useState<ToolPolicyOverview>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    const reload = () =>
      void api.tools.policies().then(
        (loaded) => {
          if (!current) return;
          setOverview(loaded);
          setError(undefined);
        },
        (caught: unknown) => current && setError(errorMessage(caught)),
      );
    reload();
    const events = api.events.onAppEvent(undefined, (event) => {
      if (event.type === 'tool-policies-changed' || event.type === 'mcp-status') reload();
    });
    const servers = api.mcp.onChanged(undefined, reload);
    return () => {
      current = false;
      events.dispose();
      servers.dispose();
    };
  }, [api]);

  const set = useCallback(
    async (target: PolicyTarget, policy: ToolPolicy | null): Promise<void> => {
      try {
        setOverview(await api.tools.setPolicy({ target, policy }));
        setError(undefined);
      } catch (caught) {
        setError(errorMessage(caught));
      }
    },
    [api],
  );

  return { overview, error, set };
}
