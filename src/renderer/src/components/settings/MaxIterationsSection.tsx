import { useState, type FormEvent } from 'react';
import { MAX_ITERATIONS_LIMIT, UpdateGeneralInput } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useSettingsStore } from '../../stores/settingsStore';
import { Field } from './Field';

/** How many model calls (tool rounds) one reply may take. */
export function MaxIterationsSection() {
  const api = useApi();
  const current = useSettingsStore((state) => state.general?.maxIterations);
  const [value, setValue] = useState<string>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const shown = value ?? (current === undefined ? '' : String(current));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = UpdateGeneralInput.safeParse({ maxIterations: shown.trim() === '' ? Number.NaN : Number(shown) });
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
    <section className="settings-section" aria-labelledby="iterations-heading">
      <h3 id="iterations-heading">Agent</h3>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Max steps per reply"
          error={error}
          hint={`Model calls one reply may make, each tool round counting as one (1–${MAX_ITERATIONS_LIMIT}).`}
        >
          {(props) => (
            <div className="input-row">
              <input
                {...props}
                type="number"
                min={1}
                max={MAX_ITERATIONS_LIMIT}
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
    </section>
  );
}
