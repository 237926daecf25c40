import type { ReactNode } from 'react';

interface AmountWithUnitFieldProps<Unit extends string> {
  readonly label: string;
  readonly id: string;
  readonly amount: string;
  readonly unit: Unit;
  readonly units: readonly Unit[];
  readonly onAmountChange: (amount: string) => void;
  readonly onUnitChange: (unit: Unit) => void;
  /** aria-invalid / aria-describedby for the amount when the current problem is about it. */
  readonly amountInvalid: { 'aria-invalid'?: true; 'aria-describedby'?: string };
  /** What the amount means (when it is valid); nothing is shown without it. */
  readonly hint?: ReactNode;
}

/** A whole number and its unit ("Run in 10 minutes"), with a hint beside them. */
export function AmountWithUnitField<Unit extends string>({
  label,
  id,
  amount,
  unit,
  units,
  onAmountChange,
  onUnitChange,
  amountInvalid,
  hint,
}: AmountWithUnitFieldProps<Unit>) {
  return (
    <div className="recall-field">
      <label htmlFor={id}>{label}</label>
      <div className="input-row">
        <input
          id={id}
          className="recall-amount"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          value={amount}
          onChange={(event) => onAmountChange(event.target.value)}
          {...amountInvalid}
        />
        <select aria-label="Unit" value={unit} onChange={(event) => onUnitChange(event.target.value as Unit)}>
          {units.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        {hint !== undefined && <span className="field-hint inline">{hint}</span>}
      </div>
    </div>
  );
}
