import { useSyncExternalStore } from 'react';

/** Below this width the sidebar opens over the page instead of beside it (styles.css agrees). */
export const NARROW_QUERY = '(max-width: 760px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const isNarrow = (): boolean => window.matchMedia(NARROW_QUERY).matches;

/** Whether the window is narrow (half a laptop screen or a phone-sized window), live. */
export function useNarrowWindow(): boolean {
  return useSyncExternalStore(subscribe, isNarrow, () => false);
}

/** The same, read once (for key handlers). */
export { isNarrow };
