import { useEffect, useState } from 'react';
import type { SessionSearchResult } from '../../../shared/contract';
import { useApi } from '../lib/apiContext';
import { errorMessage } from '../lib/errorMessage';

export interface ConversationSearch {
  /** Matching conversations, best first, with the matching text and message (null for a title match). */
  readonly results: readonly SessionSearchResult[] | undefined;
  readonly error: string | undefined;
}

const DEBOUNCE_MS = 200;

/** Searches titles and message text in the core while the person types (debounced). */
export function useConversationSearch(query: string): ConversationSearch {
  const api = useApi();
  const [state, setState] = useState<ConversationSearch & { query: string }>({
    query: '',
    results: undefined,
    error: undefined,
  });
  const needle = query.trim();
  useEffect(() => {
    if (!needle) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.sessions
        .search({ query: needle }, { signal: controller.signal })
        .then((results) => setState({ query: needle, results, error: undefined }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState({ query: needle, results: undefined, error: errorMessage(error) });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, needle]);
  // Results for an older query are not shown for a newer one.
  return state.query === needle ? state : { results: undefined, error: undefined };
}
