import type { NaviClient, PreparedExport, Session } from '../../../../shared/contract';
import { decodeBase64, readBase64 } from '../../lib/base64';

/** Hands a file to the browser to save: a download in a browser, the save dialog in the desktop app. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the URL once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads an export the core prepared, chunk by chunk, into a Blob; the core's copy is released either way. */
export async function readExport(
  api: NaviClient,
  prepared: PreparedExport,
  onProgress: (fraction: number) => void = () => {},
): Promise<Blob> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  try {
    let offset = 0;
    while (offset < prepared.size) {
      const page = await api.exports.read({ exportId: prepared.exportId, offset });
      const bytes = decodeBase64(page.data);
      if (bytes.length === 0) break;
      chunks.push(bytes);
      offset += bytes.length;
      onProgress(offset / prepared.size);
    }
  } finally {
    api.exports.release({ exportId: prepared.exportId }).catch(() => {});
  }
  return new Blob(chunks, { type: prepared.mediaType });
}

/** Sends a file to the core in chunks and has it imported; a failed or aborted import is discarded there. */
export async function importFile(
  api: NaviClient,
  file: File,
  onProgress: (fraction: number) => void = () => {},
): Promise<{ sessions: Session[]; pausedRecalls: number }> {
  const { importId, chunkBytes } = await api.exports.beginImport({ name: file.name, size: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const data = await readBase64(file.slice(offset, offset + chunkBytes));
      await api.exports.importChunk({ importId, offset, data });
      onProgress(Math.min(1, (offset + chunkBytes) / file.size));
    }
  } catch (error) {
    api.exports.discardImport({ importId }).catch(() => {});
    throw error;
  }
  return api.exports.finishImport({ importId });
}
