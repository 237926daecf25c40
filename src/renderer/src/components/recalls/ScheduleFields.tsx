import { AmountWithUnitField } from './AmountWithUnitField';
import { CronField } from './CronField';
import { formatRunTime } from './formatTime';
import {
  fromLocalInputValue,
  localTimeZone,
  UNIT_SECONDS,
  type DelayUnit,
  type IntervalUnit,
  type RecallFormField,
  type RecallFormValues,
} from './recallForm';
import { WhenWordsField } from './WhenWordsField';

interface ScheduleFieldsProps {
  readonly values: RecallFormValues;
  readonly now: number;
  /** Builds a control's id (`fieldId('at')`) so errors can point at it. */
  readonly fieldId: (field: RecallFormField) => string;
  /** aria-invalid / aria-describedby for the control the current problem is about. */
  readonly invalid: (field: RecallFormField) => { 'aria-invalid'?: true; 'aria-describedby'?: string };
  readonly change: <K extends keyof RecallFormValues>(field: K, value: RecallFormValues[K]) => void;
}

const DELAY_UNITS: readonly DelayUnit[] = ['seconds', 'minutes', 'hours', 'days'];
const INTERVAL_UNITS: readonly IntervalUnit[] = ['minutes', 'hours', 'days'];

function amountOf(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The inputs for the chosen kind of schedule, with a hint that says when it would run. */
export function ScheduleFields({ values, now, fieldId, invalid, change }: ScheduleFieldsProps) {
  switch (values.choice) {
    case 'words':
      return (
        <WhenWordsField
          id={fieldId('whenText')}
          value={values.whenText}
          now={now}
          invalid={invalid('whenText')}
          onChange={(text) => change('whenText', text)}
        />
      );
    case 'in': {
      const amount = amountOf(values.inAmount);
      return (
        <AmountWithUnitField
          label="Run in"
          id={fieldId('inAmount')}
          amount={values.inAmount}
          unit={values.inUnit}
          units={DELAY_UNITS}
          onAmountChange={(text) => change('inAmount', text)}
          onUnitChange={(unit) => change('inUnit', unit)}
          amountInvalid={invalid('inAmount')}
          hint={
            amount === undefined
              ? undefined
              : `≈ ${formatRunTime(now + amount * UNIT_SECONDS[values.inUnit] * 1000, now, true)}`
          }
        />
      );
    }
    case 'at': {
      const at = fromLocalInputValue(values.at);
      return (
        <div className="recall-field">
          <label htmlFor={fieldId('at')}>Run at</label>
          <div className="input-row">
            <input
              id={fieldId('at')}
              type="datetime-local"
              value={values.at}
              onChange={(event) => change('at', event.target.value)}
              {...invalid('at')}
            />
            <span className="field-hint inline">
              {Number.isNaN(at) ? '' : `${formatRunTime(at, now, true)} · `}
              {localTimeZone().replace(/_/g, ' ')} time
            </span>
          </div>
        </div>
      );
    }
    case 'every': {
      const amount = amountOf(values.everyAmount);
      const seconds = amount === undefined ? undefined : amount * UNIT_SECONDS[values.everyUnit];
      return (
        <AmountWithUnitField
          label="Run every"
          id={fieldId('everyAmount')}
          amount={values.everyAmount}
          unit={values.everyUnit}
          units={INTERVAL_UNITS}
          onAmountChange={(text) => change('everyAmount', text)}
          onUnitChange={(unit) => change('everyUnit', unit)}
          amountInvalid={invalid('everyAmount')}
          hint={seconds === undefined ? undefined : `first ${formatRunTime(now + seconds * 1000, now, true)}`}
        />
      );
    }
    case 'cron':
      return (
        <CronField
          expressionId={fieldId('cronExpression')}
          zoneId={fieldId('timeZone')}
          values={values}
          now={now}
          invalid={invalid}
          change={change}
        />
      );
  }
}
