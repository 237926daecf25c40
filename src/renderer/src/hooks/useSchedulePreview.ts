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
 * While a newer answer is on its way the last one stays shown (no flicker while typing).
 */
export function useSchedulePreview(input: ScheduleText, now: number): PreviewState {
  const api = useApi();
  const [answer, setAnswer] = useState<SchedulePreview | undefined>(undefined);
  const { text, timeZone, as } = input;
  const empty = text.trim() === '';
  useEffect(() => {
    if (empty) return;
    let current = true;
    const timer = setTimeout(() => {
      api.recalls.preview({ text, timeZone, as }).then(
        (preview) => {
          if (current) setAnswer(preview);
        },
        (error: unknown) => {
          if (current) {
            setAnswer({ problem: errorMessage(error), schedule: null, words: null, nextRuns: [] });
          }
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, empty, text, timeZone, as, now]);
  if (empty) return { state: 'empty' };
  if (answer === undefined) return { state: 'reading' };
  return { state: 'ready', preview: answer };
}
