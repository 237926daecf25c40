import { useCallback } from 'react';
import { errorMessage } from '../lib/errorMessage';
import { useApi } from '../lib/apiContext';
import { conversationRoute } from '../routing/route';
import { navigate } from '../routing/navigation';
import { NEW_CHAT_DRAFT, useComposerStore } from '../stores/composerStore';

/**
 * Sends text in a conversation; without one (the "New chat" page) it creates the conversation
 * first and opens it. Failures are kept for the composer to show. Resolves to whether it was sent.
 */
export function useSendMessage(sessionId: string | undefined): (text: string) => Promise<boolean> {
  const api = useApi();
  return useCallback(
    async (text: string) => {
      const key = sessionId ?? NEW_CHAT_DRAFT;
      const { setSendError, setDraft } = useComposerStore.getState();
      setSendError(key, undefined);
      let target = sessionId;
      try {
        if (!target) {
          target = (await api.sessions.create()).id;
          navigate(conversationRoute(target));
        }
        await api.chat.send({ sessionId: target, text });
        return true;
      } catch (error) {
        // Give the text back where the person now is, with the reason it was not sent.
        setDraft(target ?? key, text);
        setSendError(target ?? key, errorMessage(error));
        return false;
      }
    },
    [api, sessionId],
  );
}
