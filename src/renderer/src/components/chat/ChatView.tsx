import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttachmentRef, McpResourceRef } from '../../../../shared/contract';
import { useConversationActionsValue } from '../../hooks/useConversationActionsValue';
import { useEscapeToStop } from '../../hooks/useEscapeToStop';
import { useSendMessage } from '../../hooks/useSendMessage';
import { useOpenAtMessage } from '../../hooks/useOpenAtMessage';
import { useStickToBottom } from '../../hooks/useStickToBottom';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { useComposerStore } from '../../stores/composerStore';
import { useConversation, useConversationStore } from '../../stores/conversationStore';
import { loadEarlierMessages, prefetchEarlierMessages } from '../../sync/loadEarlierMessages';
import { nextFrame } from '../../sync/frameBatch';
import { useConversationFeed } from '../../sync/useConversationFeed';
import { prefetchedConversation } from '../../sync/snapshotPrefetch';
import { useAttachFiles } from '../attachments/useAttachFiles';
import { useFileDrop } from '../attachments/useFileDrop';
import { Icon } from '../common/Icon';
import { RecallsRegion } from '../recalls/RecallsRegion';
import { ChatHeader } from './ChatHeader';
import { useMarkRead } from '../organise/useMarkRead';
import { Composer } from './Composer';
import { ConversationActionsContext } from './conversationActions';
import { ConversationUnavailable } from './ConversationUnavailable';
import { MessageList } from './MessageList';
import { retryTarget } from './retryTarget';

/** The view whose conversation the window's title names (a switch hands it from one to the next). */
let titleOwner: object | undefined;

/** One conversation: live messages, its recalls, and the composer. Follows the stream while open. */
export function ChatView({ sessionId, messageId }: { readonly sessionId: string; readonly messageId?: string }) {
  const api = useApi();
  // Opened after its prefetched first page came (useShownRoute): its messages are in the first render.
  const [opening] = useState(() => prefetchedConversation(api, sessionId));
  useConversationFeed(api, sessionId);
  const conversation = useConversation(sessionId, opening);
  const send = useSendMessage(sessionId);
  const attachFiles = useAttachFiles(sessionId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLOListElement>(null);
  const { detached, jumpToLatest, release } = useStickToBottom(
    scrollRef,
    contentRef,
    `${sessionId}:${conversation.status}`,
  );
  // Pages before a search result are put in front of what the store holds (not the view's opening copy).
  const stored = useConversationStore(
    (state) => messageId !== undefined && state.conversations[sessionId]?.status === 'ready',
  );
  const highlighted = useOpenAtMessage(api, sessionId, messageId, stored, release);
  const [stoppingRunId, setStoppingRunId] = useState<string>();

  const live = conversation.live;
  const title = conversation.session?.title ?? 'Conversation';

  useEffect(() => {
    const mine = {};
    titleOwner = mine;
    // Named once the view is painted: a change of the window's title is the browser's work (its
    // window, its tab and whatever follows the page), which held a switch's first paint in the task
    // that renders it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancelFrame = nextFrame(() => {
      timer = setTimeout(() => {
        if (titleOwner === mine) document.title = `${title} — Navi`;
      }, 0);
    });
    return () => {
      cancelFrame();
      clearTimeout(timer);
      // Once the effects of the commit that took this view away have run: a switch's next view has
      // taken the title by then (one change of the window's title, not two).
      queueMicrotask(() => {
        if (titleOwner === mine) document.title = 'Navi';
      });
    };
  }, [title]);

  const liveRunId = live?.runId;
  const stop = useCallback(() => {
    if (!liveRunId) return;
    setStoppingRunId(liveRunId);
    api.chat.stop({ sessionId }).catch((error: unknown) => {
      setStoppingRunId(undefined);
      useComposerStore.getState().setSendError(sessionId, errorMessage(error));
    });
  }, [api, liveRunId, sessionId]);
  useEscapeToStop(liveRunId !== undefined, stop);

  const sendAndFollow = useCallback(
    (text: string, resources?: readonly McpResourceRef[], files?: readonly AttachmentRef[]) => {
      jumpToLatest();
      return send(text, resources, files);
    },
    [jumpToLatest, send],
  );

  const drop = useFileDrop(attachFiles.attach);
  useMarkRead(api, conversation.session);

  const actions = useConversationActionsValue(api, sessionId, live !== undefined, jumpToLatest);
  const toRetry = retryTarget(conversation);
  const retry = useCallback(() => {
    if (toRetry === undefined) return;
    jumpToLatest();
    // A regenerate: the failed reply is replaced, the prompt is not sent again.
    api.chat
      .regenerate({ sessionId, messageId: toRetry })
      .catch((error: unknown) => useComposerStore.getState().setSendError(sessionId, errorMessage(error)));
  }, [api, jumpToLatest, sessionId, toRetry]);

  if (conversation.status === 'missing' || conversation.status === 'failed') {
    return <ConversationUnavailable missing={conversation.status === 'missing'} error={conversation.error} />;
  }

  return (
    <section className="chat-view" aria-label="Conversation" {...drop.handlers}>
      {drop.overlay}
      <ChatHeader
        sessionId={sessionId}
        title={title}
        running={live !== undefined}
        session={conversation.session}
        usage={conversation.usage}
      />
      <RecallsRegion sessionId={sessionId} />
      {conversation.status === 'loading' ? (
        <div className="message-scroller" ref={scrollRef}>
          <p className="muted loading-messages">Loading conversation…</p>
          <ol ref={contentRef} hidden />
        </div>
      ) : (
        <ConversationActionsContext.Provider value={actions}>
          <MessageList
            conversation={conversation}
            scrollRef={scrollRef}
            contentRef={contentRef}
            onLoadEarlier={() => void loadEarlierMessages(api, sessionId)}
            onLoadEarlierSoon={() => prefetchEarlierMessages(api, sessionId)}
            onRetry={toRetry !== undefined ? retry : undefined}
            target={highlighted.messageId}
            onTargetShown={highlighted.done}
          />
        </ConversationActionsContext.Provider>
      )}
      {conversation.error && conversation.status === 'ready' && (
        <p className="inline-error" role="alert">
          {conversation.error}
        </p>
      )}
      <div className="composer-dock">
        {detached && (
          <button type="button" className="button jump-to-latest" onClick={jumpToLatest}>
            <Icon name="arrowDown" /> Jump to latest
          </button>
        )}
        <Composer
          sessionId={sessionId}
          running={live !== undefined}
          stopping={live !== undefined && stoppingRunId === live.runId}
          onSend={sendAndFollow}
          onStop={stop}
        />
      </div>
    </section>
  );
}
