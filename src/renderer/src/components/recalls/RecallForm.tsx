import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import type { Recall } from '../../../../shared/contract';
import { useNow } from '../../hooks/useNow';
import type { RecallFormField } from './recallForm';
import { MissedPolicyField } from './MissedPolicyField';
import { RecallControlsField } from './RecallControlsField';
import { ScheduleChoiceField } from './ScheduleChoiceField';
import { ScheduleFields } from './ScheduleFields';
import { UnattendedPolicyField } from './UnattendedPolicyField';
import { useRecallForm } from './useRecallForm';

interface RecallFormProps {
  readonly sessionId: string;
  /** Given: edit this recall. Absent: create a new one. */
  readonly recall?: Recall;
  /** Called with true once saved, false when cancelled. */
  readonly onDone: (saved: boolean) => void;
}

/**
 * Creates or edits a recall: when ("in …", "at …", "every …" or cron), what Navi should do, what to
 * do when a tool needs a person's OK during the run, and about runs missed while Navi was closed. Enter submits (Shift+Enter for a new line in the
 * instructions), Esc cancels; what is wrong is said next to the buttons and the control is marked.
 */
export function RecallForm({ sessionId, recall, onDone }: RecallFormProps) {
  const form = useRecallForm(sessionId, recall);
  const { values, problem, busy, change } = form;
  // Previews ("≈ today 14:05") move on with the minute.
  const now = useNow();
  const id = useId();
  const fieldId = (field: RecallFormField): string => `${id}-${field}`;
  const problemId = `${id}-problem`;
  const invalid = (field: RecallFormField) =>
    problem?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': problemId } : {};
  const root = useRef<HTMLFormElement>(null);

  useEffect(() => {
    root.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, []);

  useEffect(() => {
    if (problem?.field) document.getElementById(`${id}-${problem.field}`)?.focus();
  }, [problem, id]);

  const submit = async (): Promise<void> => {
    if (await form.submit()) onDone(true);
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Escape') {
      // Handled here, so the chat view's "Esc stops the reply" leaves a running reply alone.
      event.preventDefault();
      event.stopPropagation();
      onDone(false);
    } else if (
      event.key === 'Enter' &&
      event.target instanceof HTMLTextAreaElement &&
      !event.shiftKey &&
      !event.nativeEvent.isComposing
    ) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form
      ref={root}
      className="recall-form"
      aria-label={form.editing ? 'Edit recall' : 'New recall'}
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
    >
      <div className="recall-form-when">
        <ScheduleChoiceField
          name={`${id}-choice`}
          value={values.choice}
          onChange={(choice) => change('choice', choice)}
        />
        <ScheduleFields values={values} now={now} fieldId={fieldId} invalid={invalid} change={change} />
      </div>
      <div className="recall-field">
        <label htmlFor={fieldId('message')}>Instructions</label>
        <textarea
          id={fieldId('message')}
          rows={2}
          placeholder="What should Navi do when it comes back? e.g. Check whether the deploy finished and summarise it."
          value={values.message}
          onChange={(event) => change('message', event.target.value)}
          {...invalid('message')}
        />
      </div>
      <RecallControlsField values={values} fieldId={fieldId} invalid={invalid} change={change} />
      <MissedPolicyField
        value={values.missedPolicy}
        onChange={(missedPolicy) => change('missedPolicy', missedPolicy)}
      />
      <UnattendedPolicyField
        value={values.unattendedPolicy}
        onChange={(unattendedPolicy) => change('unattendedPolicy', unattendedPolicy)}
      />
      {problem && (
        <p className="inline-error recall-form-error" id={problemId} role="alert">
          {problem.message}
        </p>
      )}
      <div className="recall-form-actions">
        <span className="spacer" />
        <span className="muted recall-form-keys">Enter to save · Esc to cancel</span>
        <button type="button" className="button" onClick={() => onDone(false)}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {form.editing ? 'Save recall' : 'Create recall'}
        </button>
      </div>
    </form>
  );
}
