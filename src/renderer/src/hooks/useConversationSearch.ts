import { useEffect, useState } from 'react';
import { useApi } from '../lib/apiContext';
import { errorMessage } from '../lib/errorMessage';

export interface ConversationSearch {
  /** Matching conversation ids, best first, with the matching text (null for a title match). */
  readonly matches: ReadonlyMap<string, string | null> | undefined;
  readonly error: string | undefined;
}

const DEBOUNCE_MS = 200;

/** Searches titles and message text in the core while the person types (debounced). */
export function useConversationSearch(query: string): ConversationSearch {
  const api = useApi();
  const [state, setState] = useState<ConversationSearch & { query: string }>({
    query: '',
    matches: undefined,
    error: undefined,
  });
  const needle = query.trim();
  useEffect(() => {
    if (!needle) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.sessions
        .search({ query: needle }, { signal: controller.signal })
        .then((results) =>
          setState({
            query: needle,
            matches: new Map(results.map((result) => [result.session.id, result.snippet])),
            error: undefined,
          }),
        )
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState({ query: needle, matches: undefined, error: errorMessage(error) });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, needle]);
  // Results for an older query are not shown for a newer one.
  return state.query === needle ? state : { matches: undefined, error: undefined };
}
