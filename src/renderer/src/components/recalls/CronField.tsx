import { useSchedulePreview } from '../../hooks/useSchedulePreview';
import type { RecallFormField, RecallFormValues } from './recallForm';
import { SchedulePreviewNote } from './SchedulePreviewNote';
import { TimeZoneSelect } from './TimeZoneSelect';

interface CronFieldProps {
  readonly expressionId: string;
  readonly zoneId: string;
  readonly values: RecallFormValues;
  readonly now: number;
  readonly invalid: (field: RecallFormField) => { 'aria-invalid'?: true; 'aria-describedby'?: string };
  readonly change: <K extends keyof RecallFormValues>(field: K, value: RecallFormValues[K]) => void;
}

/** A cron expression and its zone, with the core's reading of it: words and the next five runs. */
export function CronField({ expressionId, zoneId, values, now, invalid, change }: CronFieldProps) {
  const previewId = `${expressionId}-preview`;
  const cronInvalid = invalid('cronExpression');
  const preview = useSchedulePreview({ text: values.cronExpression, timeZone: values.timeZone, as: 'cron' }, now);
  return (
    <div className="recall-field">
      <div className="input-row cron-row">
        <div className="cron-expression">
          <label htmlFor={expressionId}>Cron expression</label>
          <input
            id={expressionId}
            className="mono"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder="0 9 * * 1-5"
            value={values.cronExpression}
            onChange={(event) => change('cronExpression', event.target.value)}
            aria-invalid={cronInvalid['aria-invalid']}
            aria-describedby={[previewId, cronInvalid['aria-describedby']].filter(Boolean).join(' ')}
          />
        </div>
        <div className="cron-zone">
          <label htmlFor={zoneId}>Time zone</label>
          <TimeZoneSelect
            id={zoneId}
            value={values.timeZone}
            onChange={(zone) => change('timeZone', zone)}
            {...invalid('timeZone')}
          />
        </div>
      </div>
      <SchedulePreviewNote
        id={previewId}
        preview={preview}
        now={now}
        hint="Five fields: minute, hour, day of month, month, day of week."
      />
    </div>
  );
}
