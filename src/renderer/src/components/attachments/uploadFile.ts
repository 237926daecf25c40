import type { AttachmentInfo, NaviClient } from '../../../../shared/contract';
import { readBase64 } from '../../lib/base64';

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
