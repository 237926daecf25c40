import { useEffect, useState } from 'react';
import { useApi } from '../lib/apiContext';

/**
 * The shell's "notifications" preference, read when the component mounts (undefined until then).
 * Firing a notification reads it again at that moment, so a change made meanwhile is honoured.
 */
export function useNotificationsPref(): boolean | undefined {
  const api = useApi();
  const [wanted, setWanted] = useState<boolean>();
  useEffect(() => {
    let live = true;
    api.shell
      .get()
      .then((state) => live && setWanted(state.prefs.notifications))
      .catch(() => live && setWanted(true));
    return () => {
      live = false;
    };
  }, [api]);
  return wanted;
}
