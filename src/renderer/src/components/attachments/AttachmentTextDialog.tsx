import { useCallback, useEffect, useId, useState } from 'react';
import type { AttachmentPart } from '../../../../shared/contract';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { ModalDialog } from '../common/ModalDialog';
import { fileFacts } from './fileFacts';

interface Loaded {
  readonly text: string;
  readonly total: number;
}

/** The text of an attached text file, or the text Navi extracted from a PDF (what a text-only model reads). */
export function AttachmentTextDialog({
  file,
  onClose,
}: {
  readonly file: AttachmentPart;
  readonly onClose: () => void;
}) {
  const api = useApi();
  const titleId = useId();
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  /** Reads the next page of text after what is shown (the first page when nothing is). */
  const loadFrom = useCallback(
    (offset: number, before: string): Promise<void> =>
      api.attachments
        .readText({ id: file.id, offset })
        .then((page) => setLoaded({ text: before + page.data, total: page.total }))
        .catch((failure: unknown) => setError(errorMessage(failure))),
    [api, file.id],
  );

  useEffect(() => {
    void loadFrom(0, '');
  }, [loadFrom]);

  const more = (): void => {
    if (!loaded) return;
    setLoading(true);
    void loadFrom(loaded.text.length, loaded.text).finally(() => setLoading(false));
  };

  return (
    <ModalDialog className="dialog text-viewer" aria-labelledby={titleId} onCancel={onClose}>
      <div className="viewer-header">
        <h2 id={titleId} title={file.name}>
          {file.name}
        </h2>
        <span className="muted">{fileFacts(file)}</span>
        <button type="button" className="button small" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      {file.kind === 'pdf' && (
        <p className="muted text-viewer-note">
          The text Navi read from the PDF: models that cannot read PDFs get this.
        </p>
      )}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : loaded === undefined ? (
        <p className="muted">Loading…</p>
      ) : loaded.total === 0 ? (
        <p className="muted">
          {file.kind === 'pdf' ? 'This PDF has no text (it may be scanned pages).' : 'This file is empty.'}
        </p>
      ) : (
        <pre className="text-viewer-body" tabIndex={0} aria-label={`Text of ${file.name}`}>
          {loaded.text}
        </pre>
      )}
      {loaded && loaded.text.length < loaded.total && (
        <div className="dialog-actions">
          <span className="muted">
            Showing {loaded.text.length.toLocaleString()} of {loaded.total.toLocaleString()} characters
          </span>
          <button type="button" className="button small" disabled={loading} onClick={more}>
            Show more
          </button>
        </div>
      )}
    </ModalDialog>
  );
}
