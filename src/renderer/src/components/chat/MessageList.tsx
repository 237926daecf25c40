import { defaultRangeExtractor, measureElement, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { Message } from '../../../../shared/contract';
import { forkKey } from '../../../../shared/contract/display';
import type { Conversation } from '../../sync/conversation';
import { nextFrame } from '../../sync/frameBatch';
import { LiveRunContext, type LiveRunActivity } from './liveRunContext';
import { estimateMessageHeight, learnMessageHeight, messageLinePx } from './messageHeight';
import { MessageRow } from './MessageRow';
import { RunErrorNotice } from './RunErrorNotice';
import { observeHeardOffset, scrollUnlessOvertaken } from './scrollCorrection';
import { tabbablesIn, unrenderedTabStop } from './rowTabbing';

interface MessageListProps {
  readonly conversation: Conversation;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly contentRef: RefObject<HTMLOListElement | null>;
  readonly onLoadEarlier: () => void;
  /** The mouse button went down on "Load earlier messages": the click is coming. */
  readonly onLoadEarlierSoon?: () => void;
  readonly onRetry?: () => void;
  /** A message to bring into view (once) and highlight (a search result). */
  readonly target?: string;
  /** The highlight has run its course. */
  readonly onTargetShown?: () => void;
}

/** Rows rendered beyond the visible ones, each way, while the list is at rest. */
const OVERSCAN = 4;
/** The same while it scrolls. */
const SCROLLING_OVERSCAN = 1;
/** Space between rows (px). */
const ROW_GAP = 18;
const RUN_ERROR_KEY = 'run-error';
/** The height of the "Load earlier messages" strip (styles.css `.load-earlier`). */
const LOAD_EARLIER_PX = 48;

/** The list's offset inside its scroller as last measured (see MessageList). */
let measuredScrollMargin = 0;
/**
 * The scroller's size as last measured: the same for every conversation in a window (until it is
 * resized). A list opens with it, so its first render already holds the rows that fill the view;
 * from nothing (the virtualiser's default) it held the last row only, and each row the measured
 * view then let in was rendered, measured and laid out again before the first paint.
 */
let measuredScrollRect: { readonly width: number; readonly height: number } | undefined;

/**
 * Before any list in the window has been measured (the page's first), the window's size stands in
 * for the scroller's (which it bounds): the first render holds the rows that fill the view, inside
 * the page's first render (a transition React splits into short tasks). From nothing, the rows
 * came in synchronous renders after measuring, all in the task that commits the page.
 */
function scrollRectBeforeMeasuring(): { readonly width: number; readonly height: number } {
  return measuredScrollRect ?? { width: window.innerWidth, height: window.innerHeight };
}

type Row =
  { readonly kind: 'message'; readonly message: Message } | { readonly kind: 'run-error'; readonly text: string };

/**
 * The conversation's messages, oldest first, with the live reply last.
 *
 * Virtualised: only the rows in view (and a few each way) are in the page, each measured as it
 * renders, so a conversation of any length costs what a screenful costs. The list is anchored to
 * its end: while the reader is at the bottom, a growing reply or a new message keeps it there; when
 * "Load earlier messages" puts older rows in front, the row the reader looks at stays where it is.
 * Rows are memoised on their message objects, so a streaming delta re-renders the live reply only.
 * A row that holds keyboard focus stays mounted while it scrolls away; Tab and Shift+Tab walk on
 * into rows not rendered yet (the list brings the next one in and focuses it once it is there); each
 * row carries its position among the loaded ones for screen readers (the size is unknown while
 * older pages remain).
 */
export function MessageList({
  conversation,
  scrollRef,
  contentRef,
  onLoadEarlier,
  onLoadEarlierSoon,
  onRetry,
  target,
  onTargetShown,
}: MessageListProps) {
  const { messages, live, hasMore, loadingEarlier, orphanRunError } = conversation;
  const rows = useMemo<readonly Row[]>(() => {
    // One list for stored and live messages: when the reply is stored it keeps its row (same key).
    const list: Row[] = messages.map((message) => ({ kind: 'message', message }));
    if (live) list.push({ kind: 'message', message: live.reply });
    if (orphanRunError) list.push({ kind: 'run-error', text: orphanRunError });
    return list;
  }, [messages, live, orphanRunError]);
  const messageCount = live ? messages.length + 1 : messages.length;
  const lastId = messageCount > 0 ? (rows[messageCount - 1] as { message: Message }).message.id : undefined;
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

  // Where the list starts inside the scroller (below the column's padding). The same for every
  // conversation: a list opens with the last one measured, so the measurement after its first
  // render changes nothing and does not render it again before it is painted (on a switch).
  const [scrollMargin, setScrollMargin] = useState(() => measuredScrollMargin);
  useLayoutEffect(() => {
    const list = contentRef.current;
    if (!list) return;
    measuredScrollMargin = list.offsetTop;
    setScrollMargin(measuredScrollMargin);
  }, [contentRef]);

  // The row holding keyboard focus is kept mounted, or focus would fall out of the page.
  const focusedIndex = useRef<number | undefined>(undefined);
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const focused = focusedIndex.current;
    if (focused === undefined || focused >= range.count || indexes.includes(focused)) return indexes;
    return [...indexes, focused].sort((a, b) => a - b);
  }, []);

  // The virtualiser lays out every row again (all of them: thousands once earlier pages are in)
  // whenever this function is a new one, so it changes only when the rows' keys may: not with each
  // render while scrolling, nor with each delta of the live reply (its row keeps its key).
  const liveId = live?.reply.id;
  const hasRunError = orphanRunError !== undefined;
  const getItemKey = useCallback(
    (index: number): string => {
      if (index < messages.length) return messages[index]!.id;
      if (index === messages.length && liveId !== undefined) return liveId;
      return hasRunError ? RUN_ERROR_KEY : String(index);
    },
    [messages, liveId, hasRunError],
  );

  // Rows not measured yet are guessed with the line height rows measured before this list opened
  // (messageHeight): the same for the list's whole life, so a guess never changes under the reader.
  const [linePx] = useState(messageLinePx);

  // The virtualiser re-renders this component itself as it scrolls and measures; nothing here is memoised by a compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => {
      const row = rows[index];
      return row?.kind === 'message' ? estimateMessageHeight(row.message, linePx) : 60;
    },
    // Each measured message teaches the guesses of lists opened later.
    measureElement: (element, entry, instance) => {
      const size = measureElement(element, entry, instance);
      const row = rows[instance.indexFromElement(element)];
      if (row?.kind === 'message') learnMessageHeight(row.message, size);
      return size;
    },
    getItemKey,
    overscan: OVERSCAN,
    // Scrolling renders in React's own time, once a frame, not synchronously inside each scroll event.
    useFlushSync: false,
    gap: ROW_GAP,
    // "Load earlier" sits in the space before the first row: when it goes with the last page, the
    // rows move up by it and the virtualiser keeps the one on screen in place as for any prepend.
    paddingStart: hasMore ? LOAD_EARLIER_PX : 0,
    scrollMargin,
    rangeExtractor,
    // Opens at the end: the newest messages are the ones rendered first.
    initialOffset: () => Number.MAX_SAFE_INTEGER,
    // Older rows put in front keep the visible row in place; at the end, growth and new rows stay in view.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 32,
    // A reader's scroll wins over corrections computed before the virtualiser heard of it.
    observeElementOffset: observeHeardOffset,
    scrollToFn: scrollUnlessOvertaken,
    initialRect: scrollRectBeforeMeasuring(),
    onChange: (instance) => {
      if (instance.scrollRect && instance.scrollRect.height > 0) measuredScrollRect = instance.scrollRect;
    },
  });

  // A row Tab is on its way to (see onKeyDown).
  const pendingTab = useRef<{ readonly index: number; readonly backwards: boolean } | undefined>(undefined);
  const onFocus = (event: FocusEvent<HTMLOListElement>) => {
    const index = Number((event.target as HTMLElement).closest<HTMLElement>('li[data-index]')?.dataset.index);
    focusedIndex.current = Number.isInteger(index) ? index : undefined;
    pendingTab.current = undefined;
  };
  const onBlur = (event: FocusEvent<HTMLOListElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
      focusedIndex.current = undefined;
      pendingTab.current = undefined;
    }
  };

  // Tab or Shift+Tab toward a row not rendered yet: the browser would skip it and leave the list,
  // so the list scrolls it in and focuses it (its last stop going back, its first going on) once it
  // has rendered. Presses while it comes wait for it rather than leave the list.
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
    const pending = pendingTab.current;
    if (pending) {
      event.preventDefault();
      virtualizer.scrollToIndex(pending.index, { align: 'auto' });
      return;
    }
    const target = event.target as HTMLElement;
    const index = Number(target.closest<HTMLElement>('li[data-index]')?.dataset.index);
    if (!Number.isInteger(index)) return;
    const next = unrenderedTabStop(event.currentTarget, index, target, event.shiftKey, rows.length);
    if (next === undefined) return;
    event.preventDefault();
    pendingTab.current = { index: next, backwards: event.shiftKey };
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  // After each render: the row asked for is in the page now? Then focus lands in it (or, when it
  // has nothing to focus, the walk goes on to the next one).
  useLayoutEffect(() => {
    const pending = pendingTab.current;
    const list = contentRef.current;
    if (!pending || !list) return;
    const step = pending.backwards ? -1 : 1;
    for (let index = pending.index; index >= 0 && index < rows.length; index += step) {
      const row = list.querySelector(`:scope > li[data-index="${index}"]`);
      if (!row) {
        pendingTab.current = { index, backwards: pending.backwards };
        if (index !== pending.index) virtualizer.scrollToIndex(index, { align: 'auto' });
        return;
      }
      const stops = tabbablesIn(row);
      const stop = pending.backwards ? stops.at(-1) : stops[0];
      if (stop) {
        pendingTab.current = undefined;
        stop.focus();
        return;
      }
    }
    pendingTab.current = undefined;
  });

  // The target comes into view once, centred; the row's highlight animation says when it is over.
  const targetIndex =
    target === undefined ? -1 : rows.findIndex((row) => row.kind === 'message' && row.message.id === target);
  const scrolledTo = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    if (targetIndex < 0 || scrolledTo.current === target) return;
    scrolledTo.current = target;
    virtualizer.scrollToIndex(targetIndex, { align: 'center' });
  }, [target, targetIndex, virtualizer]);

  // Rows beyond the visible ones wait while the list scrolls (a quick scroll would mount and drop
  // them unseen, frame after frame), one each way and the focused row being always there; when it
  // opens (another conversation), its first frame holds the visible rows only, the others follow.
  const [opened, setOpened] = useState(false);
  useEffect(() => nextFrame(() => setOpened(true)), []);
  const all = virtualizer.getVirtualItems();
  const visible = virtualizer.range;
  const spare = opened ? SCROLLING_OVERSCAN : 0;
  const items =
    (virtualizer.isScrolling || !opened) && visible
      ? all.filter(
          (item) =>
            (item.index >= visible.startIndex - spare && item.index <= visible.endIndex + spare) ||
            item.index === focusedIndex.current,
        )
      : all;
  const setSize = hasMore ? -1 : messageCount;
  return (
    <LiveRunContext.Provider value={activity}>
      <div className="message-scroller" ref={scrollRef}>
        <div className="message-column">
          {hasMore && (
            <div className="load-earlier">
              <button
                type="button"
                className="button subtle"
                onPointerDown={(event) => {
                  if (event.button === 0 && event.pointerType !== 'touch') onLoadEarlierSoon?.();
                }}
                onClick={onLoadEarlier}
                disabled={loadingEarlier}
              >
                {loadingEarlier ? 'Loading…' : 'Load earlier messages'}
              </button>
            </div>
          )}
          <ol
            className="messages"
            ref={contentRef}
            aria-label="Messages"
            style={rows.length > 0 ? { height: virtualizer.getTotalSize() } : undefined}
            onFocus={onFocus}
            onBlur={onBlur}
            onKeyDown={onKeyDown}
          >
            {rows.length === 0 && <li className="empty-messages muted">No messages yet. Write the first one below.</li>}
            {items.map((item) => {
              const row = rows[item.index]!;
              const style = { top: item.start - scrollMargin };
              if (row.kind === 'run-error') {
                return (
                  <li
                    key={item.key}
                    className="message-row"
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    style={style}
                  >
                    <RunErrorNotice message={row.text} onRetry={onRetry} />
                  </li>
                );
              }
              const { message } = row;
              const previous = rows[item.index - 1];
              return (
                <li
                  key={item.key}
                  className={`message-row${message.id === lastId ? ' latest' : ''}${message.id === target ? ' targeted' : ''}`}
                  onAnimationEnd={message.id === target ? onTargetShown : undefined}
                  data-message-id={message.id}
                  data-index={item.index}
                  aria-posinset={item.index + 1}
                  aria-setsize={setSize}
                  ref={virtualizer.measureElement}
                  style={style}
                >
                  <MessageRow
                    message={message}
                    streaming={live?.reply === message}
                    waiting={live?.reply === message ? live.status : undefined}
                    onRetry={message.id === lastId && !orphanRunError ? onRetry : undefined}
                    versions={conversation.forks[forkKey(message.parentId)]}
                    // A reply to a message (not a note after another reply) can be written again.
                    canRegenerate={
                      message.parentId !== null &&
                      (item.index === 0 ? hasMore : previous?.kind === 'message' && previous.message.role === 'user')
                    }
                  />
                </li>
              );
            })}
          </ol>
        </div>
      </div>
    </LiveRunContext.Provider>
  );
}
