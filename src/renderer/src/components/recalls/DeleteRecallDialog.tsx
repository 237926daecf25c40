import { useState } from 'react';
import type { Recall } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { firstLine } from './recallLabels';

interface DeleteRecallDialogProps {
  readonly recall: Recall;
  readonly onDone: () => void;
}

/** Asks before deleting a recall (and its run history); a running one is stopped first. */
export function DeleteRecallDialog({ recall, onDone }: DeleteRecallDialogProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.recalls.delete({ id: recall.id });
      onDone();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title="Delete this recall?"
      confirmLabel="Delete recall"
      danger
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onDone}
    >
      <p>
        “{firstLine(recall.message)}” will not run again
        {recall.status === 'running' ? ' (the run in progress is stopped)' : ''}, and its run history goes with it. This
        cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
