import { attachmentLimitsText, formatBytes } from '../../../../shared/contract/limits';
import type { DraftFile } from '../../stores/attachmentDraftStore';
import { Icon } from '../common/Icon';
import './attachments.css';

/** The files going with the next message: thumbnail or icon, name, size, progress or why not, and remove. */
export function DraftAttachments({
  files,
  onRemove,
}: {
  readonly files: readonly DraftFile[];
  readonly onRemove: (localId: string) => void;
}) {
  if (files.length === 0) return null;
  return (
    <div className="draft-attachments">
      <ul aria-label="Attached files">
        {files.map((file) => (
          <li
            key={file.localId}
            className={`file-chip ${file.status}`}
            aria-describedby={file.error ? `${file.localId}-error` : undefined}
          >
            {file.previewUrl ? (
              <img className="file-chip-thumb" src={file.previewUrl} alt="" />
            ) : (
              <span className="file-chip-icon" aria-hidden="true">
                <Icon name={file.status === 'refused' ? 'warning' : 'file'} size={16} />
              </span>
            )}
            <span className="file-chip-text">
              <span className="file-chip-name" title={file.name}>
                {file.name}
              </span>
              <span className="file-chip-meta">
                {file.status === 'uploading' ? (
                  <>
                    Uploading {Math.round(file.progress * 100)}%
                    <progress value={file.progress} max={1} aria-label={`Uploading ${file.name}`} />
                  </>
                ) : (
                  formatBytes(file.size)
                )}
              </span>
              {file.error && (
                <span id={`${file.localId}-error`} className="file-chip-error">
                  {file.error}
                </span>
              )}
            </span>
            <button
              type="button"
              className="file-chip-remove"
              aria-label={`Remove ${file.name}`}
              onClick={() => onRemove(file.localId)}
            >
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
      </ul>
      <p className="draft-attachments-limits muted">{attachmentLimitsText()}.</p>
    </div>
  );
}
