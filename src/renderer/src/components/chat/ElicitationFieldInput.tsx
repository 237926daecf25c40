import type { ElicitationField, ElicitationValue } from '../../../../shared/contract';

interface FieldProps {
  readonly field: ElicitationField;
  readonly id: string;
  readonly value: ElicitationValue | undefined;
  readonly error: string | undefined;
  readonly onChange: (value: ElicitationValue | undefined) => void;
}

const TEXT_INPUT_TYPE = { email: 'email', uri: 'url', date: 'date', 'date-time': 'datetime-local' } as const;

/** One field of a server's question, with its label, hint and problem. */
export function ElicitationFieldInput({ field, id, value, error, onChange }: FieldProps) {
  const describedBy = [field.description ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    'aria-invalid': error !== undefined,
    'aria-describedby': describedBy || undefined,
    required: field.required,
  };
  const label = `${field.label}${field.required ? ' (required)' : ''}`;
  let control;
  switch (field.kind) {
    case 'text':
      control = (
        <input
          {...common}
          type={field.format ? TEXT_INPUT_TYPE[field.format] : 'text'}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          step={field.integer ? 1 : 'any'}
          min={field.minimum ?? undefined}
          max={field.maximum ?? undefined}
          value={typeof value === 'number' ? value : ''}
          onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
        />
      );
      break;
    case 'boolean':
      return (
        <div className="elicitation-field elicitation-check">
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          <label htmlFor={id}>{label}</label>
          {field.description && (
            <span id={`${id}-hint`} className="muted elicitation-hint">
              {field.description}
            </span>
          )}
          {error && (
            <span id={`${id}-error`} className="elicitation-error">
              {error}
            </span>
          )}
        </div>
      );
    case 'choice':
      control = (
        <select
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value || undefined)}
        >
          <option value="">Choose…</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'multi-choice': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="elicitation-field" aria-describedby={describedBy || undefined}>
          <legend>{label}</legend>
          {field.description && (
            <span id={`${id}-hint`} className="muted elicitation-hint">
              {field.description}
            </span>
          )}
          {field.options.map((option, index) => (
            <label key={option.value} className="elicitation-option" htmlFor={`${id}-${index}`}>
              <input
                id={`${id}-${index}`}
                type="checkbox"
                checked={chosen.includes(option.value)}
                onChange={(event) =>
                  onChange(
                    event.target.checked ? [...chosen, option.value] : chosen.filter((item) => item !== option.value),
                  )
                }
              />
              {option.label}
            </label>
          ))}
          {error && (
            <span id={`${id}-error`} className="elicitation-error">
              {error}
            </span>
          )}
        </fieldset>
      );
    }
  }
  return (
    <div className="elicitation-field">
      <label htmlFor={id}>{label}</label>
      {field.description && (
        <span id={`${id}-hint`} className="muted elicitation-hint">
          {field.description}
        </span>
      )}
      {control}
      {error && (
        <span id={`${id}-error`} className="elicitation-error">
          {error}
        </span>
      )}
    </div>
  );
}
