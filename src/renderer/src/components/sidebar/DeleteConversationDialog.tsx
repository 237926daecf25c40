import type { SessionSummary } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { AsyncConfirmDialog } from '../common/AsyncConfirmDialog';

interface DeleteConversationDialogProps {
  readonly session: SessionSummary;
  readonly onDone: (deleted: boolean) => void;
}

/** Asks before deleting a conversation for good; shows why when the core refuses. */
export function DeleteConversationDialog({ session, onDone }: DeleteConversationDialogProps) {
  const api = useApi();
  const deleteConversation = async (): Promise<void> => {
    await api.sessions.delete({ id: session.id });
    onDone(true);
  };
  return (
    <AsyncConfirmDialog
      title="Delete this conversation?"
      confirmLabel="Delete"
      danger
      onConfirm={deleteConversation}
      onCancel={() => onDone(false)}
    >
      <p>
        “{session.title}” and all its messages will be deleted
        {session.busy ? ' (the reply being written is stopped)' : ''}, with any recalls it has. This cannot be undone.
      </p>
    </AsyncConfirmDialog>
  );
}
