import type { AttachmentInfo, NaviClient } from '../../../../shared/contract';

/** Base64 of a slice of a file, read by the browser (no byte loop in JavaScript). */
function readBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Uploads a file to the core in chunks it accepts (begin, chunks in order, finish), reporting the
 * share sent so far. An upload that fails or is aborted is discarded in the core.
 */
export async function uploadFile(
  api: NaviClient,
  file: File,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<AttachmentInfo> {
  const { uploadId, chunkBytes } = await api.attachments.begin({
    name: file.name,
    size: file.size,
    mediaType: file.type,
  });
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      signal.throwIfAborted();
      const data = await readBase64(file.slice(offset, offset + chunkBytes));
      await api.attachments.chunk({ uploadId, offset, data }, { signal });
      onProgress(Math.min(1, (offset + chunkBytes) / file.size));
    }
    signal.throwIfAborted();
    return await api.attachments.finish({ uploadId }, { signal });
  } catch (error) {
    api.attachments.discard({ uploadId }).catch(() => {});
    throw error;
  }
}
