import { useId } from 'react';
import { Field } from './Field';
import { useProviderModels } from './useProviderModels';

interface ModelFieldProps {
  /** The provider whose models are offered; empty: none yet. */
  readonly providerId: string;
  readonly value: string;
  readonly onChange: (model: string) => void;
  readonly error?: string;
  /** Read-only (the environment's profile): no hint, the value shown as it is. */
  readonly disabled?: boolean;
}

function modelsHint(models: ReturnType<typeof useProviderModels>): string | undefined {
  if (models.loading) return 'Looking up models…';
  if (models.error) return `Could not list models: ${models.error} Type the model's name.`;
  const count = models.models.length;
  if (count === 0) return undefined;
  return `${count === 1 ? '1 model' : `${count} models`} available; start typing to pick one.`;
}

/** A model name typed freely, with the provider's listed models offered as suggestions. */
export function ModelField({ providerId, value, onChange, error, disabled = false }: ModelFieldProps) {
  const listId = useId();
  const models = useProviderModels(providerId || undefined);
  return (
    <>
      <Field label="Model" error={error} hint={disabled ? undefined : modelsHint(models)}>
        {(props) => (
          <input
            {...props}
            list={listId}
            value={value}
            disabled={disabled}
            placeholder="e.g. gpt-4o-mini, claude-sonnet-4-5, llama3.2"
            onChange={(event) => onChange(event.target.value)}
          />
        )}
      </Field>
      <datalist id={listId}>
        {models.models.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.name ?? entry.id}
          </option>
        ))}
      </datalist>
    </>
  );
}
