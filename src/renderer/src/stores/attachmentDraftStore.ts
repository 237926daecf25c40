import { create } from 'zustand';
import type { AttachmentInfo } from '../../../shared/contract';

/** A file picked for the next message: being uploaded, ready to send, or refused with the reason. */
export interface DraftFile {
  /** This window's name for it (the core's id is known once it is uploaded). */
  readonly localId: string;
  readonly name: string;
  readonly size: number;
  readonly mediaType: string;
  /** An object URL of the picked file, for an image's thumbnail. */
  readonly previewUrl?: string;
  readonly status: 'uploading' | 'ready' | 'refused';
  /** Share uploaded so far (0 to 1). */
  readonly progress: number;
  readonly info?: AttachmentInfo;
  readonly error?: string;
}

const NONE: readonly DraftFile[] = [];

interface AttachmentDraftStore {
  /** Files per conversation draft (the composer's key). */
  readonly files: Readonly<Record<string, readonly DraftFile[]>>;
  add(key: string, files: readonly DraftFile[]): void;
  update(key: string, localId: string, change: Partial<DraftFile>): void;
  remove(key: string, localId: string): DraftFile | undefined;
  clear(key: string): void;
}

export const useAttachmentDraftStore = create<AttachmentDraftStore>((set, get) => ({
  files: {},
  add: (key, files) =>
    set((state) => ({ files: { ...state.files, [key]: [...(state.files[key] ?? NONE), ...files] } })),
  update: (key, localId, change) =>
    set((state) => ({
      files: {
        ...state.files,
        [key]: (state.files[key] ?? NONE).map((file) => (file.localId === localId ? { ...file, ...change } : file)),
      },
    })),
  remove: (key, localId) => {
    const removed = (get().files[key] ?? NONE).find((file) => file.localId === localId);
    set((state) => ({
      files: { ...state.files, [key]: (state.files[key] ?? NONE).filter((file) => file.localId !== localId) },
    }));
    return removed;
  },
  clear: (key) => set((state) => ({ files: { ...state.files, [key]: NONE } })),
}));

export function useDraftFiles(key: string): readonly DraftFile[] {
  return useAttachmentDraftStore((state) => state.files[key] ?? NONE);
}

/** Why the draft cannot be sent yet because of its files (undefined: it can). */
export function draftFilesBlock(files: readonly DraftFile[]): string | undefined {
  const uploading = files.filter((file) => file.status === 'uploading');
  if (uploading.length === 1) return `Wait until “${uploading[0]!.name}” is uploaded.`;
  if (uploading.length > 1) return `Wait until ${uploading.length} files are uploaded.`;
  if (files.some((file) => file.status === 'refused')) return 'Remove the files that cannot be attached to send.';
  return undefined;
}
