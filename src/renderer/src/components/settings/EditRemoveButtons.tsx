interface EditRemoveButtonsProps {
  readonly onEdit: () => void;
  /** Asks before removing (opens the confirmation). */
  readonly onRemove: () => void;
}

/** The Edit and Remove buttons of a settings card. */
export function EditRemoveButtons({ onEdit, onRemove }: EditRemoveButtonsProps) {
  return (
    <>
      <button type="button" className="button small" onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="button small subtle" onClick={onRemove}>
        Remove
      </button>
    </>
  );
}
