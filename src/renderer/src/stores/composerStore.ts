import { create } from 'zustand';

/** The key for the composer of a conversation not created yet (the "New chat" page). */
export const NEW_CHAT_DRAFT = '';

interface ComposerStore {
  /** Unsent text per conversation, so switching away and back keeps it. */
  readonly drafts: Readonly<Record<string, string>>;
  /** Why the last send (or retry) in a conversation failed. */
  readonly sendErrors: Readonly<Record<string, string | undefined>>;
  setDraft(sessionId: string, text: string): void;
  setSendError(sessionId: string, error: string | undefined): void;
}

export const useComposerStore = create<ComposerStore>((set) => ({
  drafts: {},
  sendErrors: {},
  setDraft: (sessionId, text) => set((state) => ({ drafts: { ...state.drafts, [sessionId]: text } })),
  setSendError: (sessionId, error) => set((state) => ({ sendErrors: { ...state.sendErrors, [sessionId]: error } })),
}));
