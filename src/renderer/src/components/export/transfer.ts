import type { NaviClient, Session } from '../../../../shared/contract';
import { readBase64 } from '../../lib/base64';

/**
 * Has the browser download `url` (the browser host's one-time address for a prepared export) as
 * `fileName`: the browser writes it to disk as it arrives and shows its own progress.
 */
export function startDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
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
