import { useEffect, useState } from 'react';
import { useApi } from '../../../lib/apiContext';
import { errorMessage } from '../../../lib/errorMessage';

export interface BuiltInTool {
  readonly name: string;
  readonly description: string;
}

/** The built-in tools a profile can enable, as the core lists them. */
export function useBuiltInTools(): { tools: readonly BuiltInTool[] | undefined; error: string | undefined } {
  const api = useApi();
  const [state, setState] = useState<{ tools?: readonly BuiltInTool[]; error?: string }>({});
  useEffect(() => {
    const controller = new AbortController();
    api.settings
      .listTools(undefined, { signal: controller.signal })
      .then((tools) => setState({ tools }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ error: errorMessage(error) });
      });
    return () => controller.abort();
  }, [api]);
  return { tools: state.tools, error: state.error };
}
