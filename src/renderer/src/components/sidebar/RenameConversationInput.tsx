import { useRef, useState, type KeyboardEvent } from 'react';
import type { SessionSummary } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';

interface RenameConversationInputProps {
  readonly session: SessionSummary;
  readonly onDone: () => void;
}

/** Edits a title in place: Enter (or leaving the box) saves, Esc cancels. */
export function RenameConversationInput({ session, onDone }: RenameConversationInputProps) {
  const api = useApi();
  const [title, setTitle] = useState(session.title);
  const [error, setError] = useState<string>();
  /** Set once saving or cancelling started, so a late blur does nothing. */
  const settled = useRef(false);

  const save = async (): Promise<void> => {
    if (settled.current) return;
    const trimmed = title.trim();
    if (trimmed === session.title) {
      settled.current = true;
      return onDone();
    }
    settled.current = true;
    try {
      await api.sessions.rename({ id: session.id, title: trimmed });
      onDone();
    } catch (caught) {
      settled.current = false;
      setError(errorMessage(caught));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      settled.current = true;
      onDone();
    }
  };

  return (
    <div className="rename">
      <input
        aria-label="Conversation title"
        value={title}
        maxLength={200}
        autoFocus
        onFocus={(event) => event.target.select()}
        onChange={(event) => {
          setTitle(event.target.value);
          setError(undefined);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => void save()}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `rename-error-${session.id}` : undefined}
      />
      {error && (
        <p className="field-error" id={`rename-error-${session.id}`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
