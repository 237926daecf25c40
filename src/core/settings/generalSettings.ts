import {
  DEFAULT_REPLY_WAIT_SECONDS,
  MIN_REPLY_WAIT_SECONDS,
  QuietHours,
  type GeneralSettings,
  type SettingsChange,
  type UpdateGeneralInput,
} from '../../shared/contract/settings';
import type { Secrets } from '../secrets/secrets';
import type { SettingsStore } from './settingsStore';

export const DEFAULT_MAX_ITERATIONS = 10;
const MAX_ITERATIONS_KEY = 'maxIterations';
const REPLY_WAIT_KEY = 'replyWaitSeconds';
const QUIET_HOURS_KEY = 'quietHours';

export interface StoredGeneralSettingsOptions {
  readonly store: SettingsStore;
  /** Only asked whether keys can be stored (shown with the general settings). */
  readonly secrets: Secrets;
  readonly changed: (change: SettingsChange) => void;
}

/** The general settings as stored: the step limit, the reply wait and quiet hours (defaults where unset or invalid). */
export class StoredGeneralSettings {
  constructor(private readonly options: StoredGeneralSettingsOptions) {}

  get(): GeneralSettings {
    const { store, secrets } = this.options;
    const stored = store.getValue(MAX_ITERATIONS_KEY);
    const maxIterations =
      typeof stored === 'number' && Number.isInteger(stored) && stored > 0 ? stored : DEFAULT_MAX_ITERATIONS;
    const wait = store.getValue(REPLY_WAIT_KEY);
    const replyWaitSeconds =
      typeof wait === 'number' && Number.isInteger(wait) && wait >= MIN_REPLY_WAIT_SECONDS
        ? wait
        : DEFAULT_REPLY_WAIT_SECONDS;
    return { maxIterations, replyWaitSeconds, canStoreKeys: secrets.canStore, quietHours: this.quietHours() };
  }

  /** When recall notifications are held; null when off (the default) or what is stored is not a window. */
  quietHours(): QuietHours | null {
    const parsed = QuietHours.safeParse(this.options.store.getValue(QUIET_HOURS_KEY));
    return parsed.success ? parsed.data : null;
  }

  update(input: UpdateGeneralInput): GeneralSettings {
    const { store } = this.options;
    if (input.maxIterations !== undefined) store.setValue(MAX_ITERATIONS_KEY, input.maxIterations);
    if (input.replyWaitSeconds !== undefined) store.setValue(REPLY_WAIT_KEY, input.replyWaitSeconds);
    if (input.quietHours === null) store.deleteValue(QUIET_HOURS_KEY);
    else if (input.quietHours !== undefined) store.setValue(QUIET_HOURS_KEY, input.quietHours);
    this.options.changed({ scope: 'general' });
    return this.get();
  }
}
