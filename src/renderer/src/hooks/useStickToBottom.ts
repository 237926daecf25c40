import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** How close to the end still counts as "at the bottom" (px). */
const BOTTOM_SLACK = 32;

/**
 * Keeps a scroll container pinned to its end while its content grows (a streaming reply, late
 * syntax highlighting), until the person scrolls up; scrolling back down, or `jumpToLatest`,
 * pins it again. Starts pinned whenever `resetKey` changes (another conversation).
 */
export function useStickToBottom(
  scrollRef: RefObject<HTMLElement | null>,
  contentRef: RefObject<HTMLElement | null>,
  resetKey: string,
): { detached: boolean; jumpToLatest: () => void; release: () => void } {
  const pinned = useRef(true);
  const [detached, setDetached] = useState(false);

  /** Stops following the end (the view is about to show something else, e.g. a search result). */
  const release = useCallback(() => {
    pinned.current = false;
    setDetached(true);
  }, []);

  useEffect(() => {
    const scroller = scrollRef.current;
    const content = contentRef.current;
    if (!scroller || !content) return;
    pinned.current = true;
    setDetached(false);
    scroller.scrollTop = scroller.scrollHeight;
    // Where the list was when this hook last looked: a resize seen before the scroll event of a
    // move away from the end must not throw the reader back to it.
    let lastTop = scroller.scrollTop;
    // Read in the scroll event itself: the message list's virtualiser has just read the same
    // geometry in its own listener (added before this one, in its layout effect), so the page is
    // laid out and these reads are free. Read later, in an animation frame, they came after the
    // frame's delta had been rendered and made the page lay out for them, then again for the frame.
    const onScroll = (): void => {
      lastTop = scroller.scrollTop;
      const distance = scroller.scrollHeight - lastTop - scroller.clientHeight;
      const atBottom = distance <= BOTTOM_SLACK;
      if (atBottom === pinned.current) return;
      pinned.current = atBottom;
      setDetached(!atBottom);
    };
    // Resize observations come after layout: these reads are free too.
    const observer = new ResizeObserver(() => {
      if (!pinned.current) return;
      const top = scroller.scrollTop;
      const distance = scroller.scrollHeight - top - scroller.clientHeight;
      // Moved up since the last look, and away from the end: a scroll whose event is still on its way.
      if (top < lastTop - 1 && distance > BOTTOM_SLACK) {
        release();
        return;
      }
      scroller.scrollTop = scroller.scrollHeight;
      lastTop = scroller.scrollTop;
    });
    observer.observe(content);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      scroller.removeEventListener('scroll', onScroll);
    };
  }, [scrollRef, contentRef, resetKey, release]);

  const jumpToLatest = useCallback(() => {
    const scroller = scrollRef.current;
    pinned.current = true;
    setDetached(false);
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }, [scrollRef]);

  return { detached, jumpToLatest, release };
}
