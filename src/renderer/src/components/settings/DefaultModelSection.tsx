import { useDefaultProfile, useSettingsStore } from '../../stores/settingsStore';
import { DefaultModelForm } from './DefaultModelForm';

/** Shows what replies use now and lets a person choose another provider or model. */
export function DefaultModelSection() {
  const current = useDefaultProfile();
  const providers = useSettingsStore((state) => state.providers);
  const provider = providers?.find((candidate) => candidate.id === current?.providerId);
  return (
    <section className="settings-section" aria-labelledby="model-heading">
      <h3 id="model-heading">Default model</h3>
      <p className="muted">
        {current?.model
          ? `Replies use ${current.model} on ${provider?.name ?? 'a provider that no longer exists'}${current.source === 'env' ? ' (from the environment)' : ''}.`
          : 'No model chosen yet.'}
      </p>
      {providers && <DefaultModelForm key={`${current?.id}:${current?.model}`} />}
    </section>
  );
}
