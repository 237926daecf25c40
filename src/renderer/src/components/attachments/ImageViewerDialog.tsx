import { useId } from 'react';
import type { AttachmentPart } from '../../../../shared/contract';
import { formatBytes } from '../../../../shared/contract/limits';
import { ModalDialog } from '../common/ModalDialog';

/** An attached image at full size, in a modal dialog (Esc or Close leaves it). */
export function ImageViewerDialog({
  image,
  url,
  onClose,
}: {
  readonly image: AttachmentPart;
  readonly url: string;
  readonly onClose: () => void;
}) {
  const titleId = useId();
  return (
    <ModalDialog className="dialog image-viewer" aria-labelledby={titleId} onCancel={onClose}>
      <div className="viewer-header">
        <h2 id={titleId} title={image.name}>
          {image.name}
        </h2>
        <span className="muted">{formatBytes(image.size)}</span>
        <button type="button" className="button small" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      <div className="image-viewer-body">
        <img src={url} alt={image.name} />
      </div>
    </ModalDialog>
  );
}
