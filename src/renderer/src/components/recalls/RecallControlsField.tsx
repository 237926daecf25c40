import type { RecallNotifyPolicy } from '../../../../shared/contract';
import { MAX_RECALL_RUNS } from '../../../../shared/contract/limits';
import type { EndKind, RecallFormField, RecallFormValues } from './recallForm';

interface RecallControlsFieldProps {
  readonly values: RecallFormValues;
  readonly fieldId: (field: RecallFormField) => string;
  readonly invalid: (field: RecallFormField) => { 'aria-invalid'?: true; 'aria-describedby'?: string };
  readonly change: <K extends keyof RecallFormValues>(field: K, value: RecallFormValues[K]) => void;
}

const NOTIFY_CHOICES: readonly { value: RecallNotifyPolicy; label: string }[] = [
  { value: 'always', label: 'every time it runs' },
  { value: 'attention', label: 'only if it fails or the reply needs me' },
  { value: 'never', label: 'never' },
];

/**
 * How a repeating recall ends (never, on a date, after N runs), when it notifies, and whether a
 * message from the person in the conversation cancels it. A one-time recall has no end to choose.
 */
export function RecallControlsField({ values, fieldId, invalid, change }: RecallControlsFieldProps) {
  const oneTime = values.choice === 'in' || values.choice === 'at';
  return (
    <div className="recall-controls">
      {!oneTime && (
        <div className="recall-ends">
          <label className="recall-missed">
            <span>Ends</span>
            <select value={values.endKind} onChange={(event) => change('endKind', event.target.value as EndKind)}>
              <option value="never">never</option>
              <option value="on">on a date</option>
              <option value="after">after a number of runs</option>
            </select>
          </label>
          {values.endKind === 'on' && (
            <input
              id={fieldId('endsOn')}
              type="datetime-local"
              aria-label="Ends on"
              value={values.endsOn}
              onChange={(event) => change('endsOn', event.target.value)}
              {...invalid('endsOn')}
            />
          )}
          {values.endKind === 'after' && (
            <span className="recall-end-after">
              <input
                id={fieldId('endAfter')}
                className="recall-amount"
                type="number"
                min={1}
                max={MAX_RECALL_RUNS}
                inputMode="numeric"
                aria-label="Ends after this many runs"
                value={values.endAfter}
                onChange={(event) => change('endAfter', event.target.value)}
                {...invalid('endAfter')}
              />
              <span className="muted">runs</span>
            </span>
          )}
        </div>
      )}
      <label className="recall-missed">
        <span>Notify me</span>
        <select value={values.notify} onChange={(event) => change('notify', event.target.value as RecallNotifyPolicy)}>
          {NOTIFY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <label className="recall-check">
        <input
          type="checkbox"
          checked={values.cancelOnReply}
          onChange={(event) => change('cancelOnReply', event.target.checked)}
        />
        <span>Cancel it if I write in this conversation before it runs</span>
      </label>
    </div>
  );
}
