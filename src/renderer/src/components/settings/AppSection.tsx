import { useEffect } from 'react';
import { useApi } from '../../lib/apiContext';
import { useConnectionStore } from '../../stores/connectionStore';
import { useShellStore, type ShellPrefName } from '../../stores/shellStore';
import { QuietHoursForm } from './QuietHoursForm';
import { Switch } from './Switch';

const HINTS: Record<ShellPrefName, string> = {
  runInBackground:
    'Closing the last window keeps Navi running in the tray, so recalls still fire and notify you. Quit from the tray menu.',
  launchAtLogin: 'Start Navi (in the tray) when you log in, so recalls due while it was closed are not missed.',
  notifications: 'Show a notification when a recall fires or fails.',
  wakeForRecalls:
    'While recalls are pending and Navi is closed, your system starts Navi in the tray a minute before the next one.',
  saveKeysWithoutKeyring: '',
};

const LABELS: Record<ShellPrefName, string> = {
  runInBackground: 'Run in background',
  launchAtLogin: 'Launch at login',
  notifications: 'Notifications',
  wakeForRecalls: 'Start Navi for recalls',
  saveKeysWithoutKeyring: 'Save API keys without a keyring',
};

/** The shell's own preferences; each switch saves at once, a failure is shown beside it. */
export function AppSection() {
  const api = useApi();
  const generation = useConnectionStore((store) => store.generation);
  const { state, loadError, errors, saving } = useShellStore();
  useEffect(() => {
    if (generation > 0) void useShellStore.getState().load(api);
  }, [api, generation]);

  const names: ShellPrefName[] = [];
  if (state?.supports.runInBackground) names.push('runInBackground');
  if (state?.supports.launchAtLogin) names.push('launchAtLogin');
  if (state?.supports.wakeForRecalls) names.push('wakeForRecalls');
  names.push('notifications');
  // The shell's own words: where keys go (desktop) and what the wake-up is doing.
  const keyStore = state?.keyStore;
  if (keyStore?.kind === 'obfuscated') names.push('saveKeysWithoutKeyring');
  const hintOf = (name: ShellPrefName) =>
    name === 'saveKeysWithoutKeyring'
      ? keyStore?.message
      : name === 'wakeForRecalls' && state?.wake
        ? `${HINTS[name]} ${state.wake.message}`
        : HINTS[name];
  const browserOnly = state && !state.supports.runInBackground && !state.supports.launchAtLogin;

  return (
    <section className="settings-section" aria-labelledby="app-heading">
      <h3 id="app-heading">App</h3>
      {loadError && (
        <p className="inline-error" role="alert">
          Could not load the app preferences: {loadError}
        </p>
      )}
      {!state && !loadError && <p className="muted">Loading…</p>}
      {state &&
        names.map((name) => (
          <Switch
            key={name}
            label={LABELS[name]}
            checked={state.prefs[name]}
            disabled={saving[name]}
            hint={hintOf(name)}
            error={errors[name]}
            onChange={(checked) => void useShellStore.getState().set(api, name, checked)}
          />
        ))}
      <QuietHoursForm />
      {keyStore?.kind === 'none' && <p className="field-hint app-note">{keyStore.message}</p>}
      {browserOnly && (
        <p className="field-hint app-note">
          Running in the background and launching at login belong to the desktop app; in a browser, recalls fire while{' '}
          <span className="mono">npm run serve</span> runs.
        </p>
      )}
    </section>
  );
}
