import { useEffect, useState } from 'react';
import type { SchedulePreview, ScheduleText } from '../../../shared/contract';
import { useApi } from '../lib/apiContext';
import { errorMessage } from '../lib/errorMessage';

/** Waits for typing to pause before asking the core. */
const DEBOUNCE_MS = 250;

export type PreviewState =
  | { readonly state: 'empty' }
  | { readonly state: 'reading' }
  | { readonly state: 'ready'; readonly preview: SchedulePreview };

/**
 * What the core reads a schedule as (words or cron), asked by RPC as the person types: the
 * schedule in words and its next runs, or why it cannot be used. `now` re-asks as time passes.
 */
export function useSchedulePreview(input: ScheduleText, now: number): PreviewState {
  const api = useApi();
  const [result, setResult] = useState<PreviewState>({ state: 'empty' });
  const { text, timeZone, as } = input;
  useEffect(() => {
    if (text.trim() === '') {
      setResult({ state: 'empty' });
      return;
    }
    let current = true;
    setResult((previous) => (previous.state === 'ready' ? previous : { state: 'reading' }));
    const timer = setTimeout(() => {
      api.recalls.preview({ text, timeZone, as }).then(
        (preview) => {
          if (current) setResult({ state: 'ready', preview });
        },
        (error: unknown) => {
          const problem = errorMessage(error);
          if (current) setResult({ state: 'ready', preview: { problem, schedule: null, words: null, nextRuns: [] } });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, text, timeZone, as, now]);
  return result;
}
