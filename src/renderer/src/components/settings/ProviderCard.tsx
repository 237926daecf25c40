import { useState } from 'react';
import type { Provider } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useSettingsStore } from '../../stores/settingsStore';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ConnectionTestResultView } from './ConnectionTestResultView';
import { EditingCard } from './EditingCard';
import { EditRemoveButtons } from './EditRemoveButtons';
import { kindLabel } from './providerKinds';
import { ProviderForm } from './ProviderForm';
import { useConnectionTest } from './useConnectionTest';

function keyText(provider: Provider): string {
  switch (provider.keySource) {
    case 'env':
      return 'API key from the environment';
    case 'stored':
      return 'API key stored';
    case 'none':
      return 'No API key';
  }
}

/** A configured provider: what it is, test, edit and remove (environment ones are read-only). */
export function ProviderCard({ provider }: { readonly provider: Provider }) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string>();
  const connection = useConnectionTest();
  const fromEnv = provider.source === 'env';

  const remove = async (): Promise<void> => {
    try {
      await api.settings.removeProvider({ id: provider.id });
      setRemoving(false);
      await useSettingsStore.getState().load(api, 'providers');
    } catch (error) {
      setRemoveError(errorMessage(error));
    }
  };

  if (editing) {
    return (
      <EditingCard className="provider-card editing" name={provider.name}>
        <ProviderForm provider={provider} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
      </EditingCard>
    );
  }

  return (
    <li className="provider-card" aria-label={provider.name}>
      <div className="provider-summary">
        <div>
          <div className="provider-name">
            {provider.name}
            {fromEnv && <span className="badge">environment</span>}
          </div>
          <div className="provider-meta muted">
            {kindLabel(provider.kind)} · <span className="mono">{provider.baseURL}</span> · {keyText(provider)}
          </div>
        </div>
        <div className="provider-actions">
          <button
            type="button"
            className="button small"
            disabled={connection.testing}
            onClick={() => void connection.test({ providerId: provider.id })}
          >
            {connection.testing ? 'Testing…' : 'Test connection'}
          </button>
          {!fromEnv && (
            <EditRemoveButtons
              onEdit={() => setEditing(true)}
              onRemove={() => {
                setRemoveError(undefined);
                setRemoving(true);
              }}
            />
          )}
        </div>
      </div>
      {fromEnv && (
        <p className="field-hint">Configured by environment variables; change them and restart Navi to edit.</p>
      )}
      <ConnectionTestResultView result={connection.result} />
      {removing && (
        <ConfirmDialog
          title={`Remove ${provider.name}?`}
          confirmLabel="Remove"
          danger
          error={removeError}
          onConfirm={() => void remove()}
          onCancel={() => setRemoving(false)}
        >
          <p>Its stored API key is deleted too.</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
