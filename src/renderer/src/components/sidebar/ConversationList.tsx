import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useConversationSearch } from '../../hooks/useConversationSearch';
import { useApi } from '../../lib/apiContext';
import { useCurrentConversationId } from '../../routing/navigation';
import { useSessionListStore } from '../../stores/sessionListStore';
import { ConversationListItem } from './ConversationListItem';
import { nextRowIndex } from './listKeys';
import { sidebarRows, type SidebarRow } from './sidebarGroups';
import './sidebarGroups.css';
import { useNow } from '../../hooks/useNow';

interface ConversationListProps {
  readonly query: string;
}

/** A row's height before it is measured (a title; search results with a snippet are taller). */
const ESTIMATED_ROW_PX = 35;
/** Rows rendered beyond the visible ones, each way. */
const OVERSCAN = 10;
/** The next page is asked for when this few loaded rows are left below the visible ones. */
const LOAD_MORE_WITHIN = 40;

/** The date group a conversation row starts (the row above it is that group's heading), if any. */
function groupAbove(rows: readonly SidebarRow[], index: number): string | undefined {
  const above = rows[index - 1];
  return above?.kind === 'heading' ? above.group : undefined;
}

/**
 * The conversations, newest activity first, paged from the core as the list scrolls and
 * virtualised (only the rows in view and a few around them are in the page, at any length). While
 * searching: title matches among the loaded ones at once, then the core's search over every
 * conversation's title and message text, with the matching text. Arrow keys move between rows.
 */
export const ConversationList = memo(function ConversationList({ query }: ConversationListProps) {
  const api = useApi();
  const sessions = useSessionListStore((state) => state.sessions);
  const pinned = useSessionListStore((state) => state.pinned);
  // Date groups move on as days pass (a minute is close enough for "Today").
  const now = useNow();
  const loaded = useSessionListStore((state) => state.loaded);
  const complete = useSessionListStore((state) => state.complete);
  const error = useSessionListStore((state) => state.error);
  const needle = query.trim().toLowerCase();
  const search = useConversationSearch(query);
  const rows = useMemo<readonly SidebarRow[]>(() => {
    if (!needle) return sidebarRows(pinned, sessions, now);
    if (search.results) {
      // The live list's copy where there is one (it follows renames and replies); the result's otherwise.
      const live = new Map([...pinned, ...sessions].map((session) => [session.id, session]));
      return search.results.map((result) => ({
        kind: 'session',
        session: live.get(result.session.id) ?? result.session,
        snippet: result.snippet ?? undefined,
        messageId: result.messageId ?? undefined,
      }));
    }
    return [...pinned, ...sessions]
      .filter((session) => session.title.toLowerCase().includes(needle))
      .map((session) => ({ kind: 'session', session }));
  }, [sessions, pinned, now, needle, search.results]);
  /** Where each conversation is among the rows (headings are not conversations): for keys and positions. */
  const sessionIndexes = useMemo(() => rows.flatMap((row, index) => (row.kind === 'session' ? [index] : [])), [rows]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // A new key function makes the virtualiser lay out every row again: it changes with the rows only.
  const getItemKey = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return index;
      return row.kind === 'session' ? row.session.id : `heading:${row.group}`;
    },
    [rows],
  );
  // The virtualiser re-renders this component itself as it scrolls and measures; nothing here is memoised by a compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
    getItemKey,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;

  // More pages as the end comes near (not while searching: search covers every conversation).
  useEffect(() => {
    if (needle || complete || !loaded) return;
    if (lastShown >= rows.length - LOAD_MORE_WITHIN) void useSessionListStore.getState().loadMore(api);
  }, [api, needle, complete, loaded, lastShown, rows.length]);

  // A new search starts at its best match.
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [needle, virtualizer]);

  const focusRow = useCallback(
    (index: number) => {
      virtualizer.scrollToIndex(index, { align: 'auto' });
      // The row may mount only after the scroll: look for it on the next frames.
      let tries = 0;
      const attempt = () => {
        const link = scrollRef.current?.querySelector<HTMLElement>(`li[data-index="${index}"] .conversation-link`);
        if (link) link.focus();
        else if (++tries < 10) requestAnimationFrame(attempt);
      };
      attempt();
    },
    [virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('conversation-link')) return;
    const position = sessionIndexes.indexOf(Number(target.closest('li')?.dataset.index));
    const next = nextRowIndex(event.key, position, sessionIndexes.length, Math.max(1, items.length - 2 * OVERSCAN));
    if (next === undefined || position < 0) return;
    event.preventDefault();
    focusRow(sessionIndexes[next]!);
  };

  return (
    <div className="conversation-list-wrap">
      {(error ?? search.error) && (
        <p className="inline-error" role="alert">
          {error ?? search.error}
        </p>
      )}
      <div className="conversation-scroller" ref={scrollRef}>
        <ul
          className="conversation-list"
          aria-label="Conversations"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
        >
          {items.map((item) => {
            const row = rows[item.index]!;
            if (row.kind === 'heading') {
              return (
                <li
                  key={item.key}
                  // A list may hold only items: the heading is for the eye, and the group's first
                  // conversation carries its name as a description for screen readers.
                  className="conversation-group"
                  aria-hidden="true"
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <h3 className="conversation-group-heading">{row.group}</h3>
                </li>
              );
            }
            return (
              <ConversationListItem
                key={item.key}
                session={row.session}
                snippet={row.snippet}
                messageId={row.messageId}
                index={item.index}
                position={sessionIndexes.indexOf(item.index) + 1}
                setSize={complete || needle ? sessionIndexes.length : -1}
                group={groupAbove(rows, item.index)}
                top={item.start}
                measure={virtualizer.measureElement}
              />
            );
          })}
        </ul>
        <CurrentInView rows={rows} virtualizer={virtualizer} />
        {loaded && rows.length === 0 && (
          <p className="muted list-empty">{needle ? 'No conversation matches.' : 'No conversations yet.'}</p>
        )}
      </div>
    </div>
  );
});

/**
 * Brings the open conversation into view when it changes (if it is loaded). A component of its
 * own: it follows the address, and a switch re-renders it (it renders nothing) instead of the list.
 */
function CurrentInView({
  rows,
  virtualizer,
}: {
  readonly rows: readonly SidebarRow[];
  readonly virtualizer: Virtualizer<HTMLDivElement, Element>;
}) {
  const currentId = useCurrentConversationId();
  const currentIndex = rows.findIndex((row) => row.kind === 'session' && row.session.id === currentId);
  const shownCurrent = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (currentIndex < 0 || shownCurrent.current === currentId) return;
    shownCurrent.current = currentId;
    // Usually it is the row just clicked, in view already: the virtualiser would still scroll to
    // where the list is, laying out the page the moment it changed to the new conversation.
    const row = virtualizer.getVirtualItems().find((item) => item.index === currentIndex);
    const top = virtualizer.scrollOffset;
    const height = virtualizer.scrollRect?.height;
    if (row && top !== null && height !== undefined && row.start >= top && row.end <= top + height) return;
    virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentId, currentIndex, virtualizer]);
  return null;
}
