import { useEffect } from 'react';
import type { NaviClient } from '../../../shared/contract';
import { useConversationStore } from '../stores/conversationStore';
import { ConversationFeed } from './conversationFeed';

/** Follows a conversation while the component showing it is mounted. */
export function useConversationFeed(api: NaviClient, sessionId: string): void {
  useEffect(() => {
    const feed = new ConversationFeed(api, sessionId);
    return () => {
      feed.dispose();
      useConversationStore.getState().forget(sessionId);
    };
  }, [api, sessionId]);
}
