import { useMemo } from 'react';
import type { NaviClient } from '../../../shared/contract';
import type { ConversationActions } from '../components/chat/conversationActions';
import { errorMessage } from '../lib/errorMessage';
import { useComposerStore } from '../stores/composerStore';

/**
 * Edit, regenerate and switch versions in one conversation, through the core (which tells every
 * window). A refusal shows where send errors show, above the composer.
 */
export function useConversationActionsValue(
  api: NaviClient,
  sessionId: string,
  busy: boolean,
  followLatest: () => void,
): ConversationActions {
  return useMemo(() => {
    const fail = (error: unknown) => useComposerStore.getState().setSendError(sessionId, errorMessage(error));
    const clearError = () => useComposerStore.getState().setSendError(sessionId, undefined);
    return {
      sessionId,
      busy,
      edit: async (messageId, text) => {
        clearError();
        try {
          followLatest();
          await api.chat.edit({ sessionId, messageId, text });
          return true;
        } catch (error) {
          fail(error);
          return false;
        }
      },
      regenerate: (messageId) => {
        clearError();
        followLatest();
        api.chat.regenerate({ sessionId, messageId }).catch(fail);
      },
      switchTo: (messageId) => {
        clearError();
        api.chat.switchBranch({ sessionId, messageId }).catch(fail);
      },
    };
  }, [api, sessionId, busy, followLatest]);
}
