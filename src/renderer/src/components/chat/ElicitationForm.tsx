import { useId, useState, type FormEvent } from 'react';
import type {
  ElicitationAction,
  ElicitationContent,
  ElicitationValue,
  PendingElicitation,
} from '../../../../shared/contract';
import { elicitationProblems } from '../../../../shared/contract/elicitationProblems';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { ElicitationFieldInput } from './ElicitationFieldInput';
import './interactions.css';

function initialValues(question: PendingElicitation): Record<string, ElicitationValue | undefined> {
  return Object.fromEntries(question.fields.map((field) => [field.name, field.default ?? undefined]));
}

/**
 * A server's question as a form in the chat. Every window shows it; the first answer counts and
 * the form goes away everywhere. Submit accepts, Decline refuses, Cancel dismisses without choosing.
 */
export function ElicitationForm({
  sessionId,
  question,
}: {
  readonly sessionId: string;
  readonly question: PendingElicitation;
}) {
  const api = useApi();
  const baseId = useId();
  const [values, setValues] = useState(() => initialValues(question));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const answer = async (action: ElicitationAction): Promise<void> => {
    let content: ElicitationContent | undefined;
    if (action === 'accept') {
      content = Object.fromEntries(
        Object.entries(values).filter(
          (entry): entry is [string, ElicitationValue] => entry[1] !== undefined && entry[1] !== '',
        ),
      );
      const found = elicitationProblems(question.fields, content);
      setProblems(found);
      if (Object.keys(found).length > 0) return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { answered } = await api.chat.answerElicitation({ sessionId, elicitationId: question.id, action, content });
      if (!answered) setError('This question was already answered or withdrawn.');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void answer('accept');
  };

  return (
    <form className="elicitation" aria-label={`Question from ${question.serverName}`} onSubmit={submit} noValidate>
      <p className="elicitation-from muted">{question.serverName} asks</p>
      <p className="elicitation-message">{question.message}</p>
      {question.fields.map((field, index) => (
        <ElicitationFieldInput
          key={field.name}
          field={field}
          id={`${baseId}-${index}`}
          value={values[field.name]}
          error={problems[field.name]}
          onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
        />
      ))}
      {error && (
        <p className="elicitation-error" role="alert">
          {error}
        </p>
      )}
      <div className="elicitation-actions">
        <button type="button" className="button subtle" disabled={busy} onClick={() => void answer('cancel')}>
          Cancel
        </button>
        <button type="button" className="button subtle" disabled={busy} onClick={() => void answer('decline')}>
          Decline
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          Submit
        </button>
      </div>
    </form>
  );
}
