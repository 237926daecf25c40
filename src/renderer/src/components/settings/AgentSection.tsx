import { useState, type FormEvent } from 'react';
import {
  DEFAULT_REPLY_WAIT_SECONDS,
  MAX_ITERATIONS_LIMIT,
  MAX_REPLY_WAIT_SECONDS,
  MIN_REPLY_WAIT_SECONDS,
  UpdateGeneralInput,
} from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useSettingsStore } from '../../stores/settingsStore';
import { Field } from './Field';

type NumberSetting = 'maxIterations' | 'replyWaitSeconds';

interface NumberSettingFormProps {
  readonly setting: NumberSetting;
  readonly label: string;
  readonly hint: string;
  readonly min: number;
  readonly max: number;
}

/** One whole-number general setting with its own Save; the core's schema says what is allowed. */
function NumberSettingForm({ setting, label, hint, min, max }: NumberSettingFormProps) {
  const api = useApi();
  const current = useSettingsStore((state) => state.general?.[setting]);
  const [value, setValue] = useState<string>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const shown = value ?? (current === undefined ? '' : String(current));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = UpdateGeneralInput.safeParse({ [setting]: shown.trim() === '' ? Number.NaN : Number(shown) });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    try {
      await api.settings.updateGeneral(parsed.data);
      await useSettingsStore.getState().load(api, 'general');
      setValue(undefined);
      setSaved(true);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={label}>
      <Field label={label} error={error} hint={hint}>
        {(props) => (
          <div className="input-row">
            <input
              {...props}
              type="number"
              min={min}
              max={max}
              className="narrow"
              value={shown}
              onChange={(event) => {
                setValue(event.target.value);
                setError(undefined);
                setSaved(false);
              }}
            />
            <button type="submit" className="button">
              Save
            </button>
            {saved && (
              <span className="saved" role="status">
                ✓ Saved
              </span>
            )}
          </div>
        )}
      </Field>
    </form>
  );
}

/** How many model calls one reply may take, and how long it waits for the model to start answering. */
export function AgentSection() {
  return (
    <section className="settings-section" aria-labelledby="agent-heading">
      <h3 id="agent-heading">Agent</h3>
      <NumberSettingForm
        setting="maxIterations"
        label="Max steps per reply"
        hint={`Model calls one reply may make, each tool round counting as one (1–${MAX_ITERATIONS_LIMIT}).`}
        min={1}
        max={MAX_ITERATIONS_LIMIT}
      />
      <NumberSettingForm
        setting="replyWaitSeconds"
        label="Reply wait (seconds)"
        hint={`How long a reply waits for the model to start answering, retries included, before it gives up (${MIN_REPLY_WAIT_SECONDS}–${MAX_REPLY_WAIT_SECONDS}; ${DEFAULT_REPLY_WAIT_SECONDS} by default).`}
        min={MIN_REPLY_WAIT_SECONDS}
        max={MAX_REPLY_WAIT_SECONDS}
      />
    </section>
  );
}
