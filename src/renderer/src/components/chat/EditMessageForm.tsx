import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { messageTooLong } from '../../../../shared/contract/limits';

interface EditMessageFormProps {
  readonly initial: string;
  readonly busy: boolean;
  /** Resolves to whether it was sent (the editor closes then). */
  readonly onSend: (text: string) => Promise<boolean>;
  readonly onCancel: () => void;
}

/** Edits one of your messages in place: sending it starts a new branch from there. */
export function EditMessageForm({ initial, busy, onSend, onCancel }: EditMessageFormProps) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  const canSend = text.trim().length > 0 && !busy && !sending;
  const send = async (): Promise<void> => {
    if (!canSend) return;
    const tooLong = messageTooLong(text.length);
    if (tooLong) return setError(tooLong);
    setSending(true);
    const sent = await onSend(text);
    setSending(false);
    if (!sent) setError('The edited message was not sent; see the message above the composer.');
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };
  return (
    <form className="edit-message" onSubmit={onSubmit}>
      <textarea
        ref={box}
        aria-label="Edit message"
        value={text}
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        onChange={(event) => {
          setText(event.target.value);
          setError(undefined);
        }}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="edit-message-actions">
        <span className="muted edit-hint">Sending starts a new branch from here; the old one stays.</span>
        <button type="button" className="button subtle small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary small" disabled={!canSend}>
          Save and send
        </button>
      </div>
    </form>
  );
}
