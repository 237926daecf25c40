import { useEffect } from 'react';
import type { ModelChoice, Session } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { useModelCatalogStore } from '../../stores/modelCatalogStore';
import { useSettingsStore } from '../../stores/settingsStore';
import { profileOf } from './conversationProfile';

const PROFILE_DEFAULT = '';
const encode = (choice: ModelChoice) => JSON.stringify([choice.providerId, choice.model]);
const decode = (value: string): ModelChoice | null => {
  if (value === PROFILE_DEFAULT) return null;
  const [providerId, model] = JSON.parse(value) as [string, string];
  return { providerId, model };
};

interface ModelPickerProps {
  readonly session: Session;
  /** Saves the choice (null: the profile's model again); failures are shown by the caller. */
  readonly onChange: (model: ModelChoice | null) => void;
}

/**
 * The model this conversation uses, in its header: its profile's by default, or any model the
 * configured providers list. A change applies from the next reply, in every window.
 */
export function ModelPicker({ session, onChange }: ModelPickerProps) {
  const api = useApi();
  const providers = useSettingsStore((state) => state.providers);
  const profiles = useSettingsStore((state) => state.profiles);
  const catalog = useModelCatalogStore((state) => state.byProvider);
  useEffect(() => {
    if (providers)
      useModelCatalogStore.getState().load(
        api,
        providers.map((provider) => provider.id),
      );
  }, [api, providers]);

  const profile = profileOf(session, profiles);
  return (
    <select
      className="model-picker"
      aria-label="Model"
      title="The model that writes the next reply in this conversation"
      value={session.model ? encode(session.model) : PROFILE_DEFAULT}
      disabled={!providers}
      onChange={(event) => onChange(decode(event.target.value))}
    >
      <option value={PROFILE_DEFAULT}>
        {profile?.model ? `${profile.model} (${profile.name})` : "The profile's model"}
      </option>
      {(providers ?? []).map((provider) => {
        const ids = (catalog[provider.id]?.models ?? []).map((model) => model.id);
        // The conversation's own choice stays listed even when the provider no longer offers it.
        if (session.model?.providerId === provider.id && !ids.includes(session.model.model)) {
          ids.unshift(session.model.model);
        }
        if (ids.length === 0) return null;
        return (
          <optgroup key={provider.id} label={provider.name}>
            {ids.map((model) => (
              <option key={model} value={encode({ providerId: provider.id, model })}>
                {model}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}
