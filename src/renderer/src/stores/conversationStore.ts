import { create } from 'zustand';
import { LOADING_CONVERSATION, type Conversation } from '../sync/conversation';

interface ConversationStore {
  /** The conversations this window has open, by session id. */
  readonly conversations: Readonly<Record<string, Conversation>>;
  update(sessionId: string, change: (current: Conversation | undefined) => Conversation): void;
  /** Changes a conversation this window has open; does nothing for one it has let go of. */
  patch(sessionId: string, change: (current: Conversation) => Conversation): void;
  forget(sessionId: string): void;
}

export const useConversationStore = create<ConversationStore>((set) => ({
  conversations: {},
  update: (sessionId, change) =>
    set((state) => ({
      conversations: { ...state.conversations, [sessionId]: change(state.conversations[sessionId]) },
    })),
  patch: (sessionId, change) =>
    set((state) => {
      const current = state.conversations[sessionId];
      return current ? { conversations: { ...state.conversations, [sessionId]: change(current) } } : state;
    }),
  forget: (sessionId) =>
    set((state) => {
      const { [sessionId]: _forgotten, ...rest } = state.conversations;
      return { conversations: rest };
    }),
}));

/** The conversation as the store has it; until its feed has put it there, `opening` (if given) or a loading one. */
export function useConversation(sessionId: string, opening?: Conversation): Conversation {
  return useConversationStore((state) => state.conversations[sessionId] ?? opening ?? LOADING_CONVERSATION);
}
