import { create } from 'zustand';
import type { McpResourceRef } from '../../../shared/contract';

/** An MCP resource picked to go with the next message (the core reads it on send). */
export interface AttachedResource extends McpResourceRef {
  readonly name: string;
  readonly serverName: string;
}

/** The key for the composer of a conversation not created yet (the "New chat" page). */
export const NEW_CHAT_DRAFT = '';

interface ComposerStore {
  /** Unsent text per conversation, so switching away and back keeps it. */
  readonly drafts: Readonly<Record<string, string>>;
  /** Why the last send (or retry) in a conversation failed. */
  readonly sendErrors: Readonly<Record<string, string | undefined>>;
  /** MCP resources picked to go with the next message, per conversation. */
  readonly resources: Readonly<Record<string, readonly AttachedResource[]>>;
  setDraft(sessionId: string, text: string): void;
  setResources(sessionId: string, resources: readonly AttachedResource[]): void;
  setSendError(sessionId: string, error: string | undefined): void;
}

export const useComposerStore = create<ComposerStore>((set) => ({
  drafts: {},
  sendErrors: {},
  resources: {},
  setResources: (sessionId, resources) =>
    set((state) => ({ resources: { ...state.resources, [sessionId]: resources } })),
  setDraft: (sessionId, text) => set((state) => ({ drafts: { ...state.drafts, [sessionId]: text } })),
  setSendError: (sessionId, error) => set((state) => ({ sendErrors: { ...state.sendErrors, [sessionId]: error } })),
}));
