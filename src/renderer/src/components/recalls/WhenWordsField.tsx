import { useSchedulePreview } from '../../hooks/useSchedulePreview';
import { localTimeZone } from './recallForm';
import { SchedulePreviewNote } from './SchedulePreviewNote';

interface WhenWordsFieldProps {
  readonly id: string;
  readonly value: string;
  readonly now: number;
  readonly invalid: { 'aria-invalid'?: true; 'aria-describedby'?: string };
  readonly onChange: (text: string) => void;
}

/** When, in the person's own words, read back by the core as a schedule in words with its next runs. */
export function WhenWordsField({ id, value, now, invalid, onChange }: WhenWordsFieldProps) {
  const previewId = `${id}-preview`;
  const preview = useSchedulePreview({ text: value, timeZone: localTimeZone(), as: 'words' }, now);
  return (
    <div className="recall-field">
      <label htmlFor={id}>Say when</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        placeholder="tomorrow at 9 · in 2 hours · every weekday at 8:30 · every 2 weeks on Monday"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid['aria-invalid']}
        aria-describedby={[previewId, invalid['aria-describedby']].filter(Boolean).join(' ')}
      />
      <SchedulePreviewNote
        id={previewId}
        preview={preview}
        now={now}
        hint={`Read in ${localTimeZone().replace(/_/g, ' ')} time; the schedule and its next runs show here before you save.`}
      />
    </div>
  );
}
