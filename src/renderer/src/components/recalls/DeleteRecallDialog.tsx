import type { Recall } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { AsyncConfirmDialog } from '../common/AsyncConfirmDialog';
import { firstLine } from './recallLabels';

interface DeleteRecallDialogProps {
  readonly recall: Recall;
  readonly onDone: () => void;
}

/** Asks before deleting a recall (and its run history); a running one is stopped first. */
export function DeleteRecallDialog({ recall, onDone }: DeleteRecallDialogProps) {
  const api = useApi();
  const deleteRecall = async (): Promise<void> => {
    await api.recalls.delete({ id: recall.id });
    onDone();
  };
  return (
    <AsyncConfirmDialog
      title="Delete this recall?"
      confirmLabel="Delete recall"
      danger
      onConfirm={deleteRecall}
      onCancel={onDone}
    >
      <p>
        “{firstLine(recall.message)}” will not run again
        {recall.status === 'running' ? ' (the run in progress is stopped)' : ''}, and its run history goes with it. This
        cannot be undone.
      </p>
    </AsyncConfirmDialog>
  );
}
