import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { messageTooLong } from '../../../../shared/contract/limits';
import { COMPOSER_ID } from '../../hooks/useKeyboardShortcuts';
import { NEW_CHAT_DRAFT, useComposerStore } from '../../stores/composerStore';

interface ComposerProps {
  /** Undefined on the "New chat" page: sending creates the conversation. */
  readonly sessionId: string | undefined;
  readonly running: boolean;
  readonly stopping?: boolean;
  readonly onSend: (text: string) => Promise<boolean>;
  readonly onStop?: () => void;
}

/** Where a person writes. Enter sends, Shift+Enter starts a new line; Stop replaces Send while Navi replies. */
export function Composer({ sessionId, running, stopping = false, onSend, onStop }: ComposerProps) {
  const key = sessionId ?? NEW_CHAT_DRAFT;
  const draft = useComposerStore((state) => state.drafts[key] ?? '');
  const sendError = useComposerStore((state) => state.sendErrors[key]);
  const setDraft = useComposerStore((state) => state.setDraft);
  const setSendError = useComposerStore((state) => state.setSendError);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    textarea.current?.focus();
  }, [key]);

  const canSend = draft.trim().length > 0 && !running;

  const send = async (): Promise<void> => {
    if (!canSend) return;
    // Refused here, with the limit, before a frame too large for the connection is ever built.
    const tooLong = messageTooLong(draft.length);
    if (tooLong) return setSendError(key, tooLong);
    const text = draft;
    setDraft(key, '');
    await onSend(text);
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      {sendError && (
        <p className="composer-error" role="alert">
          {sendError}
        </p>
      )}
      <div className="composer-box">
        <textarea
          id={COMPOSER_ID}
          ref={textarea}
          aria-label="Message"
          placeholder={running ? 'Navi is replying… (Esc to stop)' : 'Message Navi'}
          rows={1}
          value={draft}
          onChange={(event) => setDraft(key, event.target.value)}
          onKeyDown={onKeyDown}
        />
        {running ? (
          <button type="button" className="button danger" onClick={onStop} disabled={stopping}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button primary" disabled={!canSend}>
            Send
          </button>
        )}
      </div>
      <p className="composer-hint muted">Enter to send · Shift+Enter for a new line{running ? ' · Esc to stop' : ''}</p>
    </form>
  );
}
