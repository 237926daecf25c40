import { useId, type ReactNode } from 'react';
import './switch.css';

interface SwitchProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly hint?: ReactNode;
  readonly error?: string;
  readonly disabled?: boolean;
}

/** An on/off switch (a checkbox with the switch role) with its hint and its error. */
export function Switch({ label, checked, onChange, hint, error, disabled }: SwitchProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="switch-field">
      <label className="switch" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-label">{label}</span>
      </label>
      {hint && (
        <p className="field-hint switch-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error switch-hint" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
