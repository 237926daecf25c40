import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../lib/errorMessage';
import { ConfirmDialog } from './ConfirmDialog';

interface AsyncConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  /** The confirmed action; while it runs the confirm button is disabled, a failure is shown in the dialog. */
  readonly onConfirm: () => Promise<void>;
  readonly onCancel: () => void;
}

/** A ConfirmDialog whose confirm runs an async action and keeps the dialog open with the reason if it fails. */
export function AsyncConfirmDialog({ onConfirm, ...dialog }: AsyncConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async (): Promise<void> => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };
  return <ConfirmDialog {...dialog} busy={busy} error={error} onConfirm={() => void confirm()} />;
}
