import { useState } from 'react';
import { useDefaultProfile, useSettingsStore } from '../../stores/settingsStore';

const DISMISSED_KEY = 'navi.setupDismissed';

function wasDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Whether the first-start setup applies: settings are loaded, no provider with a chosen model is
 * configured yet, and the person has not skipped it. `dismiss` hides it for good on this machine.
 */
export function useGuidedSetup(): { visible: boolean; step: 1 | 2; dismiss: () => void } {
  const providers = useSettingsStore((state) => state.providers);
  const defaultProfile = useDefaultProfile();
  const [dismissed, setDismissed] = useState(wasDismissed);
  const configured = providers !== undefined && providers.length > 0 && Boolean(defaultProfile?.model);
  const dismiss = (): void => {
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Without storage (private mode) it stays hidden for this page only.
    }
    setDismissed(true);
  };
  return {
    visible: !dismissed && providers !== undefined && !configured,
    step: providers === undefined || providers.length === 0 ? 1 : 2,
    dismiss,
  };
}
