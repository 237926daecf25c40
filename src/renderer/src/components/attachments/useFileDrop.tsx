import { useRef, useState, type DragEvent } from 'react';
import { attachmentLimitsText } from '../../../../shared/contract/limits';
import { Icon } from '../common/Icon';

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

/**
 * Files dropped anywhere on a chat view are attached. Returns the handlers for the view's element
 * and an overlay to show while files are dragged over it.
 */
export function useFileDrop(onFiles: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  // Enter and leave fire for every child crossed: count them to know when the pointer left the view.
  const depth = useRef(0);
  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current++;
      setDragging(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = Array.from(event.dataTransfer.files);
      if (files.length > 0) onFiles(files);
    },
  };
  const overlay = dragging ? (
    <div className="file-drop-overlay" aria-hidden="true">
      <div>
        <Icon name="paperclip" size={28} />
        <p>Drop files to attach them</p>
        <p className="muted">Images, PDFs and text files · {attachmentLimitsText()}</p>
      </div>
    </div>
  ) : null;
  return { handlers, overlay };
}
