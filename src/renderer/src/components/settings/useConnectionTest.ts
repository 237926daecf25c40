import { useCallback, useState } from 'react';
import type { ConnectionTestResult, TestConnectionInput } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';

/** Runs `settings.testConnection` and keeps its result (or why it could not run). */
export function useConnectionTest() {
  const api = useApi();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult>();
  const test = useCallback(
    async (input: TestConnectionInput) => {
      setTesting(true);
      setResult(undefined);
      try {
        setResult(await api.settings.testConnection(input));
      } catch (error) {
        setResult({ ok: false, reason: 'bad_response', message: errorMessage(error) });
      } finally {
        setTesting(false);
      }
    },
    [api],
  );
  const clear = useCallback(() => setResult(undefined), []);
  return { testing, result, test, clear };
}
