import { useCallback, useState } from 'react';
import type { ModelChoice } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';

/** What a conversation can change about itself (undefined: unchanged; null: back to the profile's). */
export interface SessionChange {
  readonly profileId?: string | null;
  readonly model?: ModelChoice | null;
  readonly instructions?: string | null;
}

/** Saves a conversation's own settings through the core; every window hears of the change from it. */
export function useSessionSettings(sessionId: string) {
  const api = useApi();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const save = useCallback(
    async (change: SessionChange): Promise<boolean> => {
      setSaving(true);
      setError(undefined);
      try {
        await api.sessions.update({ id: sessionId, ...change });
        return true;
      } catch (caught) {
        setError(errorMessage(caught));
        return false;
      } finally {
        setSaving(false);
      }
    },
    [api, sessionId],
  );
  return { save, saving, error };
}
