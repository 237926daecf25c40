import { useId } from 'react';
import type { ScheduleChoice } from './recallForm';

const CHOICES: readonly { value: ScheduleChoice; label: string; hint: string }[] = [
  { value: 'words', label: 'Say it', hint: 'in your own words' },
  { value: 'in', label: 'In', hint: 'after a delay' },
  { value: 'at', label: 'At', hint: 'a date and time' },
  { value: 'every', label: 'Every', hint: 'a fixed interval' },
  { value: 'cron', label: 'Cron', hint: 'a cron expression' },
];

interface ScheduleChoiceFieldProps {
  readonly name: string;
  readonly value: ScheduleChoice;
  readonly onChange: (choice: ScheduleChoice) => void;
}

/** "Say it", "In", "At", "Every" or "Cron", as one group of radio buttons (arrow keys move between them). */
export function ScheduleChoiceField({ name, value, onChange }: ScheduleChoiceFieldProps) {
  const labelId = useId();
  return (
    <div className="recall-field recall-choice-field">
      <span className="recall-label" id={labelId}>
        When
      </span>
      <div className="recall-choice" role="radiogroup" aria-labelledby={labelId}>
        {CHOICES.map((choice) => (
          <label key={choice.value} className={`recall-choice-option${choice.value === value ? ' selected' : ''}`}>
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={choice.value === value}
              onChange={() => onChange(choice.value)}
            />
            <span>{choice.label}</span>
            <span className="sr-only"> ({choice.hint})</span>
          </label>
        ))}
      </div>
    </div>
  );
}
