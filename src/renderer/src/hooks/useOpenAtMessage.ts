import { useCallback, useEffect, useState } from 'react';
import type { NaviClient } from '../../../shared/contract';
import { navigate } from '../routing/navigation';
import { conversationRoute } from '../routing/route';
import { loadMessagesThrough } from '../sync/loadEarlierMessages';

/**
 * Opens a conversation at a message (a search result, `#/c/<id>/m/<message>`): once the
 * conversation is there, earlier pages load until the message is, the view stops following the end,
 * and the message is the one to bring into view and highlight. The address goes back to the
 * conversation's own, so a reload opens it at its end. `done` ends the highlight.
 */
export function useOpenAtMessage(
  api: NaviClient,
  sessionId: string,
  messageId: string | undefined,
  ready: boolean,
  release: () => void,
): { messageId: string | undefined; done: () => void } {
  const [highlighted, setHighlighted] = useState<string>();
  useEffect(() => {
    if (messageId === undefined || !ready) return;
    let current = true;
    release();
    void loadMessagesThrough(api, sessionId, messageId).then((found) => {
      if (!current) return;
      // Not on the branch on screen (search covers every branch): the conversation shows as it is.
      if (found) setHighlighted(messageId);
      navigate(conversationRoute(sessionId), { replace: true });
    });
    return () => {
      current = false;
    };
  }, [api, sessionId, messageId, ready, release]);
  const done = useCallback(() => setHighlighted(undefined), []);
  return { messageId: highlighted, done };
}
