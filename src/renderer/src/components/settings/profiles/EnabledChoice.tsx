import { useId, type ReactNode } from 'react';
import { toggled } from './profileDraft';

interface EnabledChoiceProps {
  /** The fieldset's legend, e.g. "Built-in tools". */
  readonly legend: string;
  /** The "all of them" checkbox's label. */
  readonly allLabel: string;
  readonly all: boolean;
  readonly chosen: readonly string[];
  readonly options: readonly { readonly id: string; readonly label: string; readonly hint?: string }[] | undefined;
  /** Shown instead of the list while it loads, when it failed, or when there is nothing to choose. */
  readonly empty: ReactNode;
  readonly error?: string;
  readonly disabled?: boolean;
  readonly onChange: (change: { all: boolean; chosen: readonly string[] }) => void;
}

/** All of a kind (also ones added later), or only the ones checked. */
export function EnabledChoice({
  legend,
  allLabel,
  all,
  chosen,
  options,
  empty,
  error,
  disabled,
  onChange,
}: EnabledChoiceProps) {
  const errorId = useId();
  return (
    <fieldset className="enabled-choice" aria-describedby={error ? errorId : undefined} disabled={disabled}>
      <legend>{legend}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={all} onChange={(event) => onChange({ all: event.target.checked, chosen })} />
        {allLabel}
      </label>
      {!all &&
        (options && options.length > 0 ? (
          <ul className="enabled-list">
            {options.map((option) => (
              <li key={option.id}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={chosen.includes(option.id)}
                    onChange={(event) => onChange({ all, chosen: toggled(chosen, option.id, event.target.checked) })}
                  />
                  <span className="enabled-name">{option.label}</span>
                </label>
                {option.hint && (
                  <span className="field-hint enabled-hint" title={option.hint}>
                    {option.hint}
                  </span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="field-hint">{empty}</p>
        ))}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
