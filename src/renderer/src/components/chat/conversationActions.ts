import { createContext, useContext } from 'react';

/**
 * What a message's toolbar can do in its conversation. Given by the conversation view, so rows stay
 * memoised on their message objects (the value changes only when a run starts or ends).
 */
export interface ConversationActions {
  readonly sessionId: string;
  /** A reply is being written: branches cannot change now. */
  readonly busy: boolean;
  /** Sends an edited version of a message; resolves to whether it was sent. */
  edit(messageId: string, text: string): Promise<boolean>;
  regenerate(messageId: string): void;
  /** Shows the branch through another version of a message, in every window. */
  switchTo(messageId: string): void;
}

export const ConversationActionsContext = createContext<ConversationActions | undefined>(undefined);

export function useConversationActions(): ConversationActions | undefined {
  return useContext(ConversationActionsContext);
}
