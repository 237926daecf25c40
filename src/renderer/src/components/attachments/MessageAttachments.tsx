import { useState } from 'react';
import type { AttachmentPart, MessagePart } from '../../../../shared/contract';
import { formatBytes } from '../../../../shared/contract/limits';
import { Icon } from '../common/Icon';
import { AttachmentTextDialog } from './AttachmentTextDialog';
import { fileFacts } from './fileFacts';
import { ImageViewerDialog } from './ImageViewerDialog';
import { useAttachmentUrl } from './useAttachmentUrl';
import './attachments.css';

/** The files a sent message carries: images as thumbnails, PDFs and text files as cards. */
export function MessageAttachments({ parts }: { readonly parts: readonly MessagePart[] }) {
  const files = parts.filter((part): part is AttachmentPart => part.type === 'attachment');
  if (files.length === 0) return null;
  const images = files.filter((file) => file.kind === 'image');
  const documents = files.filter((file) => file.kind !== 'image');
  return (
    <div className="message-attachments">
      {images.length > 0 && (
        <ul className="message-images" aria-label="Attached images">
          {images.map((image, index) => (
            <li key={`${image.id}-${index}`}>
              <Thumbnail image={image} />
            </li>
          ))}
        </ul>
      )}
      {documents.length > 0 && (
        <ul className="message-files" aria-label="Attached files">
          {documents.map((file, index) => (
            <li key={`${file.id}-${index}`}>
              <FileCard file={file} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Thumbnail({ image }: { readonly image: AttachmentPart }) {
  const { url, error } = useAttachmentUrl(image.id);
  const [open, setOpen] = useState(false);
  if (error) {
    return (
      <span className="message-thumb missing" title={error}>
        <Icon name="warning" size={16} /> {image.name}
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="message-thumb"
        aria-label={`Open ${image.name}`}
        title={`${image.name} · ${formatBytes(image.size)}`}
        onClick={() => setOpen(true)}
        disabled={!url}
      >
        {url ? <img src={url} alt={image.name} /> : <span className="message-thumb-loading" aria-hidden="true" />}
      </button>
      {open && url && <ImageViewerDialog image={image} url={url} onClose={() => setOpen(false)} />}
    </>
  );
}

function FileCard({ file }: { readonly file: AttachmentPart }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="file-card">
      <span className="file-card-icon" aria-hidden="true">
        <Icon name="file" size={20} />
      </span>
      <span className="file-card-text">
        <span className="file-card-name" title={file.name}>
          {file.name}
        </span>
        <span className="file-card-meta muted">{fileFacts(file)}</span>
      </span>
      <button
        type="button"
        className="button subtle small"
        onClick={() => setOpen(true)}
        aria-label={`Show the text of ${file.name}`}
      >
        {file.kind === 'pdf' ? 'Show text' : 'Show'}
      </button>
      {open && <AttachmentTextDialog file={file} onClose={() => setOpen(false)} />}
    </div>
  );
}
