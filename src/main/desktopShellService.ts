import type { NaviServices } from '../shared/contract';
import type { DesktopPrefs } from './desktopPrefs';

export interface DesktopShellServiceOptions {
  readonly prefs: () => DesktopPrefs;
  readonly update: (change: Partial<DesktopPrefs>) => void;
  /** Applies the login item setting to the OS. */
  readonly setLaunchAtLogin: (enabled: boolean) => void;
}

/** Desktop preferences for the settings view; stored in desktop.json by the shell. */
export function createDesktopShellService(options: DesktopShellServiceOptions): NaviServices['shell'] {
  const state = () => {
    const { runInBackground, launchAtLogin, notifications } = options.prefs();
    return {
      prefs: { runInBackground, launchAtLogin, notifications },
      supports: { runInBackground: true, launchAtLogin: true },
    };
  };
  return {
    get: state,
    update: (change) => {
      options.update(change);
      if (change.launchAtLogin !== undefined) options.setLaunchAtLogin(change.launchAtLogin);
      return state();
    },
  };
}
