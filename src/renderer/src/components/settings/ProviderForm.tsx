import { useState, type FormEvent } from 'react';
// From its module, not the contract's index: the guided setup on the first page shows this form,
// and the page does not build the whole contract's schemas (src/renderer/src/rpc/client.ts).
import {
  AddProviderInput,
  UpdateProviderInput,
  type Provider,
  type ProviderKind,
  type TestConnectionInput,
} from '../../../../shared/contract/settings';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useSettingsStore } from '../../stores/settingsStore';
import { ConnectionTestResultView } from './ConnectionTestResultView';
import { Field } from './Field';
import { fieldErrors, type FieldErrors } from './fieldErrors';
import { kindInfo, PROVIDER_KINDS } from './providerKinds';
import { useConnectionTest } from './useConnectionTest';

interface ProviderFormProps {
  /** Edit this provider; without it the form adds a new one. */
  readonly provider?: Provider;
  readonly onSaved: (saved: Provider) => void;
  /** Offer Cancel (in Settings; the first-start setup has "Skip for now" instead). */
  readonly onCancel?: () => void;
  readonly submitLabel?: string;
}

/** Adds or edits a provider: kind, name, base URL, API key; can test the connection before saving. */
export function ProviderForm({ provider, onSaved, onCancel, submitLabel }: ProviderFormProps) {
  const api = useApi();
  const canStoreKeys = useSettingsStore((state) => state.general?.canStoreKeys ?? false);
  const [kind, setKind] = useState<ProviderKind>(provider?.kind ?? 'openai-compatible');
  const [name, setName] = useState(provider?.name ?? '');
  const [baseURL, setBaseURL] = useState(provider?.baseURL ?? '');
  const [apiKey, setApiKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const connection = useConnectionTest();
  const info = kindInfo(kind);
  const trimmedKey = apiKey.trim() || undefined;
  const trimmedUrl = baseURL.trim() || undefined;

  const changed = (apply: () => void) => {
    apply();
    setErrors({});
    connection.clear();
  };

  const testInput = (): TestConnectionInput =>
    provider && !trimmedKey && provider.hasKey && trimmedUrl === provider.baseURL
      ? { providerId: provider.id }
      : { draft: { kind, baseURL: trimmedUrl, apiKey: trimmedKey } };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = provider
      ? UpdateProviderInput.safeParse({
          id: provider.id,
          name: name.trim() === provider.name ? undefined : name,
          baseURL: trimmedUrl === provider.baseURL ? undefined : (trimmedUrl ?? null),
          apiKey: removeKey ? null : trimmedKey,
        })
      : AddProviderInput.safeParse({ kind, name, baseURL: trimmedUrl, apiKey: trimmedKey });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setSaving(true);
    try {
      const saved = provider
        ? await api.settings.updateProvider(parsed.data as UpdateProviderInput)
        : await api.settings.addProvider(parsed.data as AddProviderInput);
      await useSettingsStore.getState().load(api, 'providers');
      onSaved(saved);
    } catch (error) {
      setErrors({ '': errorMessage(error) });
      setSaving(false);
    }
  };

  return (
    <form className="provider-form" onSubmit={(event) => void submit(event)} noValidate>
      {!provider && (
        <fieldset className="kind-choice">
          <legend>Kind</legend>
          {PROVIDER_KINDS.map((entry) => (
            <label key={entry.kind} className={`kind-option${kind === entry.kind ? ' selected' : ''}`}>
              <input
                type="radio"
                name="provider-kind"
                value={entry.kind}
                checked={kind === entry.kind}
                onChange={() => changed(() => setKind(entry.kind))}
              />
              <span className="kind-label">{entry.label}</span>
              <span className="kind-hint">{entry.hint}</span>
            </label>
          ))}
        </fieldset>
      )}
      <Field label="Name" error={errors.name}>
        {(props) => (
          <input
            {...props}
            value={name}
            placeholder={kind === 'openai-compatible' ? 'e.g. Ollama on this computer' : info.label}
            onChange={(event) => changed(() => setName(event.target.value))}
          />
        )}
      </Field>
      <Field
        label="Base URL"
        error={errors.baseURL}
        hint={
          kind === 'openai-compatible'
            ? 'Required: where the server answers, ending in /v1.'
            : `Optional; ${info.defaultUrl} by default.`
        }
      >
        {(props) => (
          <input
            {...props}
            value={baseURL}
            inputMode="url"
            placeholder={info.defaultUrl}
            onChange={(event) => changed(() => setBaseURL(event.target.value))}
          />
        )}
      </Field>
      {canStoreKeys ? (
        <Field
          label="API key"
          error={errors.apiKey}
          hint={
            provider?.hasKey
              ? 'A key is stored (encrypted). Leave empty to keep it.'
              : 'Stored encrypted on this computer. Local servers usually need none.'
          }
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="off"
              value={apiKey}
              disabled={removeKey}
              onChange={(event) => changed(() => setApiKey(event.target.value))}
            />
          )}
        </Field>
      ) : (
        <p className="field-hint">
          This Navi cannot store API keys (the browser host has no secure key store). Set OPENAI_API_KEY or
          ANTHROPIC_API_KEY in the environment and restart it; local servers such as Ollama need no key.
        </p>
      )}
      {provider?.hasKey && canStoreKeys && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={removeKey}
            onChange={(event) => changed(() => setRemoveKey(event.target.checked))}
          />
          Remove the stored key
        </label>
      )}
      {errors[''] && (
        <p className="inline-error" role="alert">
          {errors['']}
        </p>
      )}
      <ConnectionTestResultView result={connection.result} />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={connection.testing}
          onClick={() => void connection.test(testInput())}
        >
          {connection.testing ? 'Testing…' : 'Test connection'}
        </button>
        <span className="spacer" />
        {onCancel && (
          <button type="button" className="button subtle" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button primary" disabled={saving}>
          {submitLabel ?? (provider ? 'Save' : 'Add provider')}
        </button>
      </div>
    </form>
  );
}
