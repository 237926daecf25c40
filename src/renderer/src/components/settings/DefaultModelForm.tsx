import { useState, type FormEvent } from 'react';
import type { Profile } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useDefaultProfile, useSettingsStore } from '../../stores/settingsStore';
import { Field } from './Field';
import { ModelField } from './ModelField';

const DEFAULT_PROFILE_NAME = 'Default';

/** Which provider and model replies use (the default profile). */
export function DefaultModelForm({ onSaved }: { readonly onSaved?: () => void }) {
  const api = useApi();
  const providers = useSettingsStore((state) => state.providers) ?? [];
  const profiles = useSettingsStore((state) => state.profiles) ?? [];
  const current = useDefaultProfile();
  const [chosenProviderId, setProviderId] = useState(current?.providerId);
  // The choice if it still exists, else the current default's, else the newest provider (one just added).
  const providerId =
    [chosenProviderId, current?.providerId, providers[providers.length - 1]?.id].find(
      (id) => id !== undefined && providers.some((provider) => provider.id === id),
    ) ?? '';
  const [model, setModel] = useState(current?.model ?? '');
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!providerId) return setError('Add a provider first.');
    if (!model.trim()) return setError('Choose a model.');
    setSaving(true);
    setError(undefined);
    try {
      // The environment's profile is read-only: choosing a model here makes (or updates) our own.
      const target: Profile | undefined =
        current?.source === 'settings'
          ? current
          : profiles.find((profile) => profile.source === 'settings' && profile.name === DEFAULT_PROFILE_NAME);
      const profile = await api.settings.saveProfile({
        id: target?.id,
        name: target?.name ?? DEFAULT_PROFILE_NAME,
        // Left out: a new profile gets the default instructions, an existing one keeps its own.
        providerId,
        model: model.trim(),
      });
      if (!profile.isDefault) await api.settings.setDefaultProfile({ id: profile.id });
      await useSettingsStore.getState().load(api, 'profiles');
      setSaved(true);
      onSaved?.();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  if (providers.length === 0) return <p className="muted">Add a provider first, then choose its model here.</p>;

  return (
    <form className="default-model-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field-row">
        <Field label="Provider">
          {(props) => (
            <select
              {...props}
              value={providerId}
              onChange={(event) => {
                setProviderId(event.target.value);
                setSaved(false);
              }}
            >
              {providers.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ModelField
          providerId={providerId}
          value={model}
          onChange={(next) => {
            setModel(next);
            setSaved(false);
          }}
        />
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        {saved && (
          <span className="saved" role="status">
            ✓ Saved
          </span>
        )}
        <span className="spacer" />
        <button type="submit" className="button primary" disabled={saving}>
          Use this model
        </button>
      </div>
    </form>
  );
}
