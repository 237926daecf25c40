import type { NaviClient } from '../../../shared/contract';
import { errorMessage } from '../lib/errorMessage';
import { useConversationStore } from '../stores/conversationStore';
import { mergeOlder } from './messageList';
import { MESSAGE_PAGE_SIZE } from './pageSize';

/** Fetches the page of messages before the oldest one loaded and puts it in front. */
export async function loadEarlierMessages(api: NaviClient, sessionId: string): Promise<void> {
  const { conversations, patch } = useConversationStore.getState();
  const conversation = conversations[sessionId];
  const first = conversation?.messages[0];
  if (!conversation || !first || !conversation.hasMore || conversation.loadingEarlier) return;
  patch(sessionId, (current) => ({ ...current, loadingEarlier: true, error: undefined }));
  try {
    const page = await api.sessions.get({ id: sessionId, before: first.id, limit: MESSAGE_PAGE_SIZE });
    patch(sessionId, (current) => {
      const messages = mergeOlder(page.messages, current.messages);
      // The branch was switched meanwhile and this page no longer leads to it: drop the page.
      if (!messages) return { ...current, loadingEarlier: false };
      return {
        ...current,
        messages,
        forks: { ...page.forks, ...current.forks },
        hasMore: page.hasMore,
        loadingEarlier: false,
      };
    });
  } catch (error) {
    patch(sessionId, (current) => ({ ...current, loadingEarlier: false, error: errorMessage(error) }));
  }
}
