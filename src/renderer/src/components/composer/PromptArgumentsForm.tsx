import { useId, useState } from 'react';
import type { McpPrompt } from '../../../../shared/contract';
import { promptLabel } from './usePromptCommands';

interface PromptArgumentsFormProps {
  readonly prompt: McpPrompt;
  readonly busy: boolean;
  readonly error: string | undefined;
  readonly onInsert: (values: Record<string, string>) => void;
  readonly onCancel: () => void;
}

/** A slash command's arguments as a small form in the composer; Insert puts the rendered prompt in the message. */
export function PromptArgumentsForm({ prompt, busy, error, onInsert, onCancel }: PromptArgumentsFormProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const baseId = useId();
  const missing = prompt.arguments.filter((argument) => argument.required && !values[argument.name]?.trim());
  const submit = (): void => {
    if (missing.length > 0 || busy) return;
    onInsert(Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')));
  };
  return (
    // A group, not a form: it sits inside the composer's form (forms cannot nest).
    <div
      className="prompt-form"
      role="group"
      aria-label={`Arguments for /${prompt.name}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
          // Enter inserts the prompt; it must not send the message as well.
          event.preventDefault();
          submit();
        }
      }}
    >
      <p className="prompt-form-title">
        <strong>/{prompt.name}</strong> <span className="muted">from {prompt.serverName}</span>
        {prompt.description && <span className="prompt-form-description muted">{prompt.description}</span>}
      </p>
      {prompt.arguments.map((argument, index) => (
        <label key={argument.name} className="prompt-form-field" htmlFor={`${baseId}-${index}`}>
          <span>
            {argument.name}
            {argument.required ? ' (required)' : ''}
          </span>
          <input
            id={`${baseId}-${index}`}
            autoFocus={index === 0}
            value={values[argument.name] ?? ''}
            required={argument.required}
            placeholder={argument.description ?? ''}
            onChange={(event) => setValues((current) => ({ ...current, [argument.name]: event.target.value }))}
          />
        </label>
      ))}
      {error && (
        <p className="composer-error" role="alert">
          {error}
        </p>
      )}
      <div className="prompt-form-actions">
        <button type="button" className="button subtle" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button primary" disabled={busy || missing.length > 0} onClick={submit}>
          {busy ? 'Inserting…' : `Insert ${promptLabel(prompt)}`}
        </button>
      </div>
    </div>
  );
}
