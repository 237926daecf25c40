import { useState } from 'react';
import type { SessionSummary } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { ConfirmDialog } from '../common/ConfirmDialog';

interface DeleteConversationDialogProps {
  readonly session: SessionSummary;
  readonly onDone: (deleted: boolean) => void;
}

/** Asks before deleting a conversation for good; shows why when the core refuses. */
export function DeleteConversationDialog({ session, onDone }: DeleteConversationDialogProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.sessions.delete({ id: session.id });
      onDone(true);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title="Delete this conversation?"
      confirmLabel="Delete"
      danger
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={() => onDone(false)}
    >
      <p>
        “{session.title}” and all its messages will be deleted
        {session.busy ? ' (the reply being written is stopped)' : ''}, with any recalls it has. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
