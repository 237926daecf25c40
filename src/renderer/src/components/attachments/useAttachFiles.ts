import { useCallback } from 'react';
import { attachmentLimitProblem } from '../../../../shared/contract/limits';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useAttachmentDraftStore, type DraftFile } from '../../stores/attachmentDraftStore';
import { uploadFile } from './uploadFile';

/** Uploads in flight, by the draft file's local id, so removing a chip stops its upload. */
const uploads = new Map<string, AbortController>();
let nextLocalId = 1;

export interface AttachFiles {
  /** Adds files to the draft: each is checked against the limits, then uploaded. */
  attach(files: readonly File[]): void;
  /** Removes a file from the draft (stopping its upload, or letting the core drop it). */
  remove(localId: string): void;
  /** After sending: the message holds the files now. */
  sent(): void;
}

/** The files of one draft (a conversation's composer, or the "New chat" page's). */
export function useAttachFiles(key: string): AttachFiles {
  const api = useApi();

  const attach = useCallback(
    (picked: readonly File[]) => {
      const store = useAttachmentDraftStore.getState();
      const accepted = (store.files[key] ?? []).filter((file) => file.status !== 'refused');
      const added: { draft: DraftFile; file: File }[] = [];
      for (const file of picked) {
        // The same limits the core enforces, checked before a byte is sent.
        const problem = attachmentLimitProblem([...accepted, file]);
        const draft: DraftFile = {
          localId: `file-${nextLocalId++}`,
          name: file.name || 'Pasted file',
          size: file.size,
          mediaType: file.type,
          previewUrl: file.type.startsWith('image/') && !problem ? URL.createObjectURL(file) : undefined,
          status: problem ? 'refused' : 'uploading',
          progress: 0,
          ...(problem ? { error: problem } : {}),
        };
        if (!problem) accepted.push(draft);
        added.push({ draft, file });
      }
      store.add(
        key,
        added.map(({ draft }) => draft),
      );
      for (const { draft, file } of added) {
        if (draft.status !== 'uploading') continue;
        const controller = new AbortController();
        uploads.set(draft.localId, controller);
        const update = (change: Partial<DraftFile>) =>
          useAttachmentDraftStore.getState().update(key, draft.localId, change);
        uploadFile(api, file, (progress) => update({ progress }), controller.signal)
          .then((info) => update({ status: 'ready', progress: 1, info }))
          .catch((error: unknown) => {
            if (!controller.signal.aborted) update({ status: 'refused', error: errorMessage(error) });
          })
          .finally(() => uploads.delete(draft.localId));
      }
    },
    [api, key],
  );

  const remove = useCallback(
    (localId: string) => {
      const removed = useAttachmentDraftStore.getState().remove(key, localId);
      if (!removed) return;
      uploads.get(localId)?.abort();
      if (removed.previewUrl) URL.revokeObjectURL(removed.previewUrl);
      if (removed.status === 'ready' && removed.info) api.attachments.discard({ id: removed.info.id }).catch(() => {});
    },
    [api, key],
  );

  const sent = useCallback(() => {
    const store = useAttachmentDraftStore.getState();
    for (const file of store.files[key] ?? []) if (file.previewUrl) URL.revokeObjectURL(file.previewUrl);
    store.clear(key);
  }, [key]);

  return { attach, remove, sent };
}
