import { useRef } from 'react';
import { attachmentLimitsText } from '../../../../shared/contract/limits';
import { Icon } from '../common/Icon';

/** The paperclip: a real file input (several files at once) behind a button. */
export function AttachFilesButton({ onFiles }: { readonly onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="composer-attach"
        aria-label="Attach files"
        title={`Attach files: images, PDFs, text (${attachmentLimitsText()})`}
        onClick={() => input.current?.click()}
      >
        <Icon name="paperclip" size={16} />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared, so picking the same file again after removing it still fires.
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
