import { memo, useState } from 'react';
import type { SessionSummary } from '../../../../shared/contract';
import { conversationRoute, HOME, routeHash } from '../../routing/route';
import { navigate, useIsCurrentConversation } from '../../routing/navigation';
import { openConversation } from '../../routing/openConversation';
import { useApi } from '../../lib/apiContext';
import { prefetchConversationOnce } from '../../sync/snapshotPrefetch';
import { Icon } from '../common/Icon';
import { DeleteConversationDialog } from './DeleteConversationDialog';
import { RenameConversationInput } from './RenameConversationInput';

interface ConversationListItemProps {
  readonly session: SessionSummary;
  /** While searching: the message text that matched. */
  readonly snippet?: string;
  /** While searching: the message that matched, which the link opens at. */
  readonly messageId?: string;
  /** Its place in the (virtualised) list, from 0, and the list's length (-1: not known yet). */
  readonly index: number;
  /** Its place among the conversations (headings between them are not counted), from 1. */
  readonly position: number;
  readonly setSize: number;
  /** The first conversation of a date group carries the group's name ("Today"), for screen readers. */
  readonly group?: string;
  /** Where the row sits in the list, in px, and how the list measures it. */
  readonly top: number;
  readonly measure: (element: HTMLLIElement | null) => void;
}

/** Only a plain primary press opens the conversation here (not one opening a new window or tab). */
function isPlain(event: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** How long keyboard focus stays on a link before its conversation is asked for (Enter usually follows). */
export const FOCUS_PREFETCH_MS = 100;
/** The one link waiting to ask (focus is on one element at a time). */
let focusPrefetch: ReturnType<typeof setTimeout> | undefined;

/**
 * One conversation in the sidebar: a link to it, a "replying" dot, rename and delete. Whether it is
 * the open one it follows from the address itself, so a switch re-renders two rows, not the list.
 */
export const ConversationListItem = memo(function ConversationListItem({
  session,
  snippet,
  messageId,
  index,
  position,
  setSize,
  group,
  top,
  measure,
}: ConversationListItemProps) {
  const current = useIsCurrentConversation(session.id);
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const titleId = `conversation-title-${session.id}`;
  const api = useApi();
  return (
    <li
      className={`conversation-item${current ? ' current' : ''}`}
      ref={measure}
      data-index={index}
      aria-posinset={position}
      aria-setsize={setSize}
      style={{ transform: `translateY(${top}px)` }}
    >
      {renaming ? (
        <RenameConversationInput session={session} onDone={() => setRenaming(false)} />
      ) : (
        <>
          <a
            className="conversation-link"
            href={routeHash(conversationRoute(session.id, messageId))}
            aria-current={current ? 'page' : undefined}
            aria-description={group}
            title={session.title}
            // Its first page is asked for as the button goes down (the click comes as it comes up,
            // a tenth of a second later for a person) or, from the keyboard, as it is clicked: the
            // core answers while the page switches to it (snapshotPrefetch).
            onPointerDown={(event) => {
              if (isPlain(event) && event.pointerType !== 'touch' && !current)
                prefetchConversationOnce(api, session.id);
            }}
            onClick={(event) => {
              if (!isPlain(event) || current) return;
              event.preventDefault();
              openConversation(api, session.id, messageId);
            }}
            // From the keyboard, as focus rests on it: Enter's click then uses that answer. Not from
            // the mouse (the press asked already), nor once it is the open one or focus has moved on.
            onFocus={(event) => {
              clearTimeout(focusPrefetch);
              const link = event.currentTarget;
              if (current || !link.matches(':focus-visible')) return;
              focusPrefetch = setTimeout(() => {
                if (document.activeElement === link && !link.hasAttribute('aria-current')) {
                  prefetchConversationOnce(api, session.id);
                }
              }, FOCUS_PREFETCH_MS);
            }}
            onBlur={() => clearTimeout(focusPrefetch)}
          >
            <span className="conversation-title" id={titleId}>
              {session.title}
            </span>
            {session.pinned && (
              <span className="conversation-pin" role="img" aria-label="pinned" title="Pinned">
                <Icon name="pin" size={12} />
              </span>
            )}
            {session.unread && !current && <span className="unread-dot" role="img" aria-label="unread" />}
            {session.busy && <span className="busy-dot" role="img" aria-label="replying" />}
            {snippet && <span className="conversation-snippet">{snippet}</span>}
          </a>
          <span className="conversation-actions">
            <button
              type="button"
              className="icon-button"
              // Named without the title, so names like "New chat" or "Send" stay unique on the page;
              // the title is the button's description.
              aria-label="Rename conversation"
              aria-describedby={titleId}
              title="Rename"
              onClick={() => setRenaming(true)}
            >
              <Icon name="pencil" />
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label="Delete conversation"
              aria-describedby={titleId}
              title="Delete"
              onClick={() => setDeleting(true)}
            >
              <Icon name="trash" />
            </button>
          </span>
        </>
      )}
      {deleting && (
        <DeleteConversationDialog
          session={session}
          onDone={(deleted) => {
            setDeleting(false);
            if (deleted && current) navigate(HOME, { replace: true });
          }}
        />
      )}
    </li>
  );
});
