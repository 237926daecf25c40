import { useState, type FormEvent } from 'react';
import { QuietHours } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useSettingsStore } from '../../stores/settingsStore';
import { Field } from './Field';
import { Switch } from './Switch';

/** What a new window starts with when quiet hours are turned on. */
const NIGHT: QuietHours = { from: '22:00', to: '07:00' };

const HINT =
  'Recall notifications wait until quiet hours end (in your local time); the recalls still run and their ' +
  'conversations are marked unread. Then one notification says what ran.';

/** Quiet hours: off by default; on, a from–to window in local time, saved by the core. */
export function QuietHoursForm() {
  const api = useApi();
  const current = useSettingsStore((state) => state.general?.quietHours ?? null);
  const [draft, setDraft] = useState<QuietHours>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  /** The switch as the person set it while the core saves it (then what the core says). */
  const [turning, setTurning] = useState<boolean>();
  const shown = draft ?? current ?? NIGHT;

  const save = async (quietHours: QuietHours | null): Promise<void> => {
    setSaving(true);
    try {
      await api.settings.updateGeneral({ quietHours });
      await useSettingsStore.getState().load(api, 'general');
      setDraft(undefined);
      setError(undefined);
      setSaved(quietHours !== null);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
      setTurning(undefined);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = QuietHours.safeParse(shown);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    void save(parsed.data);
  };

  const edit = (change: Partial<QuietHours>): void => {
    setDraft({ ...shown, ...change });
    setError(undefined);
    setSaved(false);
  };

  return (
    <div className="quiet-hours">
      <Switch
        label="Quiet hours"
        checked={turning ?? current !== null}
        disabled={saving}
        hint={HINT}
        error={current === null ? error : undefined}
        onChange={(on) => {
          setTurning(on);
          void save(on ? shown : null);
        }}
      />
      {current !== null && (
        <form onSubmit={submit} noValidate aria-label="Quiet hours" className="quiet-hours-window">
          <div className="input-row">
            <Field label="From">
              {(props) => (
                <input
                  {...props}
                  type="time"
                  value={shown.from}
                  onChange={(event) => edit({ from: event.target.value })}
                />
              )}
            </Field>
            <Field label="To" error={error}>
              {(props) => (
                <input {...props} type="time" value={shown.to} onChange={(event) => edit({ to: event.target.value })} />
              )}
            </Field>
            <button type="submit" className="button" disabled={saving}>
              Save
            </button>
            {saved && (
              <span className="saved" role="status">
                ✓ Saved
              </span>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
