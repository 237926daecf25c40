import { useCallback } from 'react';
import type { AttachmentRef, McpResourceRef } from '../../../shared/contract';
import { errorMessage } from '../lib/errorMessage';
import { useApi } from '../lib/apiContext';
import { conversationRoute } from '../routing/route';
import { navigate } from '../routing/navigation';
import { NEW_CHAT_DRAFT, useComposerStore } from '../stores/composerStore';

/**
 * Sends text in a conversation; without one (the "New chat" page) it starts a conversation with it
 * (nothing is created when the core refuses the message) and opens it. Failures are kept for the
 * composer to show. Resolves to whether it was sent.
 */
export function useSendMessage(
  sessionId: string | undefined,
  /** For a new conversation: the profile it starts from (left out: the default one). */
  profileId?: string,
): (text: string, resources?: readonly McpResourceRef[], files?: readonly AttachmentRef[]) => Promise<boolean> {
  const api = useApi();
  return useCallback(
    async (text: string, resources?: readonly McpResourceRef[], files?: readonly AttachmentRef[]) => {
      const key = sessionId ?? NEW_CHAT_DRAFT;
      const { setSendError, setDraft } = useComposerStore.getState();
      setSendError(key, undefined);
      try {
        const attached = {
          ...(resources?.length ? { resources: resources.map(({ serverId, uri }) => ({ serverId, uri })) } : {}),
          ...(files?.length ? { attachments: files.map(({ id, name }) => ({ id, name })) } : {}),
        };
        if (sessionId) await api.chat.send({ sessionId, text, ...attached });
        else {
          const started = await api.chat.start({ text, ...attached, ...(profileId ? { profileId } : {}) });
          navigate(conversationRoute(started.sessionId));
        }
        return true;
      } catch (error) {
        // Give the text back, with the reason it was not sent.
        setDraft(key, text);
        setSendError(key, errorMessage(error));
        return false;
      }
    },
    [api, sessionId, profileId],
  );
}
