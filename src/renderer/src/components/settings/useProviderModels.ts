import { useEffect, useState } from 'react';
import type { ModelInfo } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';

/** The models a provider offers, for suggestions; an error says why they could not be listed. */
export function useProviderModels(providerId: string | undefined): {
  models: readonly ModelInfo[];
  loading: boolean;
  error: string | undefined;
} {
  const api = useApi();
  const [state, setState] = useState<{ id?: string; models: readonly ModelInfo[]; error?: string }>({ models: [] });
  useEffect(() => {
    if (!providerId) return;
    const controller = new AbortController();
    api.settings
      .listModels({ providerId }, { signal: controller.signal })
      .then(({ models }) => setState({ id: providerId, models }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ id: providerId, models: [], error: errorMessage(error) });
      });
    return () => controller.abort();
  }, [api, providerId]);
  const current = state.id === providerId;
  return {
    models: current ? state.models : [],
    loading: providerId !== undefined && !current,
    error: current ? state.error : undefined,
  };
}
