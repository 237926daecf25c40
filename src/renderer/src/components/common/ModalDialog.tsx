import { useEffect, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  readonly className: string;
  readonly 'aria-label'?: string;
  readonly 'aria-labelledby'?: string;
  /** Esc asks this instead of closing the dialog itself. */
  readonly onCancel: () => void;
  readonly children: ReactNode;
}

/** A native modal `<dialog>`, shown while it is rendered; Esc calls `onCancel`. */
export function ModalDialog({ className, onCancel, children, ...labelling }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={className}
      {...labelling}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
