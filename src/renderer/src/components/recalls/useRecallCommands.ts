import { useCallback, useState } from 'react';
import type { Recall } from '../../../../shared/contract';
import { SNOOZE_MINUTES } from '../../../../shared/contract/display';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';

export interface RecallCommands {
  readonly busy: boolean;
  readonly error: string | undefined;
  pause(): void;
  resume(): void;
  runNow(): void;
  /** Puts the next run off by an hour (the schedule goes on after it). */
  snooze(): void;
  clearError(): void;
}

/**
 * Pause, resume and run now for one recall. The store is not touched here: the scheduler's
 * recall-changed event updates every window, this one included.
 */
export function useRecallCommands(recall: Recall): RecallCommands {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const { id } = recall;

  const run = useCallback(
    (command: (input: { id: string }) => Promise<unknown>) => {
      setBusy(true);
      setError(undefined);
      command({ id })
        .catch((caught: unknown) => setError(errorMessage(caught)))
        .finally(() => setBusy(false));
    },
    [id],
  );

  return {
    busy,
    error,
    pause: () => run((input) => api.recalls.pause(input)),
    resume: () => run((input) => api.recalls.resume(input)),
    runNow: () => run((input) => api.recalls.runNow(input)),
    snooze: () => run((input) => api.recalls.snooze({ ...input, minutes: SNOOZE_MINUTES })),
    clearError: () => setError(undefined),
  };
}
