import { useMemo, type RefObject } from 'react';
import { forkKey } from '../../../../shared/contract';
import type { Conversation } from '../../sync/conversation';
import { LiveRunContext, type LiveRunActivity } from './liveRunContext';
import { MessageRow } from './MessageRow';
import { RunErrorNotice } from './RunErrorNotice';

interface MessageListProps {
  readonly conversation: Conversation;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly contentRef: RefObject<HTMLOListElement | null>;
  readonly onLoadEarlier: () => void;
  readonly onRetry?: () => void;
}

/**
 * The conversation's messages, oldest first, with the live reply last.
 *
 * Long conversations are paged rather than windowed: a window holds the newest page (50 messages)
 * and more only when the person asks ("Load earlier messages"), and every row has
 * `content-visibility: auto` so rows off screen cost no layout or paint. Rows are memoised on
 * their message objects, so a streaming delta re-renders the live reply only, whatever the length
 * of the history. Compared with a virtual list this keeps every loaded message in the DOM (find in
 * page, screen readers, text selection across messages) and leaves the scroll position to the
 * browser's own scroll anchoring when older pages arrive or rows of unknown height stream in.
 */
export function MessageList({ conversation, scrollRef, contentRef, onLoadEarlier, onRetry }: MessageListProps) {
  const { messages, live, hasMore, loadingEarlier, orphanRunError } = conversation;
  // One list for stored and live messages: when the reply is stored it keeps its row (same key).
  const rows = live ? [...messages, live.reply] : messages;
  const lastId = rows[rows.length - 1]?.id;
  const sessionId = conversation.session?.id;
  const runId = live?.runId;
  const toolProgress = live?.toolProgress;
  const elicitations = live?.elicitations;
  const activity = useMemo<LiveRunActivity | undefined>(
    () =>
      runId && sessionId
        ? { sessionId, toolProgress: toolProgress ?? {}, elicitations: elicitations ?? [] }
        : undefined,
    [runId, sessionId, toolProgress, elicitations],
  );
  return (
    <LiveRunContext.Provider value={activity}>
      <div className="message-scroller" ref={scrollRef}>
        <div className="message-column">
          {hasMore && (
            <div className="load-earlier">
              <button type="button" className="button subtle" onClick={onLoadEarlier} disabled={loadingEarlier}>
                {loadingEarlier ? 'Loading…' : 'Load earlier messages'}
              </button>
            </div>
          )}
          <ol className="messages" ref={contentRef} aria-label="Messages">
            {rows.length === 0 && <li className="empty-messages muted">No messages yet. Write the first one below.</li>}
            {rows.map((message, index) => (
              <MessageRow
                key={message.id}
                message={message}
                streaming={live?.reply === message}
                waiting={live?.reply === message ? live.status : undefined}
                onRetry={message.id === lastId && !orphanRunError ? onRetry : undefined}
                versions={conversation.forks[forkKey(message.parentId)]}
                // A reply to a message (not a note after another reply) can be written again.
                canRegenerate={message.parentId !== null && (index === 0 ? hasMore : rows[index - 1]?.role === 'user')}
              />
            ))}
            {orphanRunError && (
              <li className="message-row">
                <RunErrorNotice message={orphanRunError} onRetry={onRetry} />
              </li>
            )}
          </ol>
        </div>
      </div>
    </LiveRunContext.Provider>
  );
}
