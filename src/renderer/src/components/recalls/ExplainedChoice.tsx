import { useId } from 'react';

interface ExplainedChoiceProps<T extends string> {
  readonly label: string;
  readonly value: T;
  /** In the order shown; the first is chosen for a value the select does not know. */
  readonly options: readonly (readonly [value: T, text: string])[];
  /** What the chosen option does, as sentences: the select's description. */
  readonly meaning: (value: T) => string;
  readonly onChange: (value: T) => void;
}

/** A select whose chosen option is explained right under it (and read with it by screen readers). */
export function ExplainedChoice<T extends string>({
  label,
  value,
  options,
  meaning,
  onChange,
}: ExplainedChoiceProps<T>) {
  const hintId = useId();
  return (
    <div className="recall-unattended">
      <label className="recall-missed">
        <span>{label}</span>
        <select
          value={value}
          aria-describedby={hintId}
          onChange={(event) =>
            onChange(options.find(([option]) => option === event.target.value)?.[0] ?? options[0]?.[0] ?? value)
          }
        >
          {options.map(([option, text]) => (
            <option key={option} value={option}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <span className="muted recall-unattended-hint" id={hintId}>
        {meaning(value)}
      </span>
    </div>
  );
}
