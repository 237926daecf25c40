import { useState } from 'react';
import { useSettingsStore } from '../../stores/settingsStore';
import { ProviderCard } from './ProviderCard';
import { ProviderForm } from './ProviderForm';

/** The providers replies can come from, and adding another. */
export function ProvidersSection() {
  const providers = useSettingsStore((state) => state.providers);
  const [adding, setAdding] = useState(false);
  return (
    <section className="settings-section" aria-labelledby="providers-heading">
      <div className="section-head">
        <h3 id="providers-heading">Providers</h3>
        {!adding && (
          <button type="button" className="button small" onClick={() => setAdding(true)}>
            Add provider
          </button>
        )}
      </div>
      {providers && providers.length === 0 && !adding && (
        <p className="muted">No provider yet. Add one to start chatting.</p>
      )}
      {providers && providers.length > 0 && (
        <ul className="provider-list" aria-label="Providers">
          {providers.map((provider) => (
            <ProviderCard key={provider.id} provider={provider} />
          ))}
        </ul>
      )}
      {adding && (
        <div className="card nested">
          <h4>Add a provider</h4>
          <ProviderForm onSaved={() => setAdding(false)} onCancel={() => setAdding(false)} />
        </div>
      )}
    </section>
  );
}
