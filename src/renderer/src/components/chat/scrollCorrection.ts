import { elementScroll, observeElementOffset, type Virtualizer } from '@tanstack/react-virtual';

/** How far the list may have moved from where the virtualiser last knew it before that is a scroll it has not heard of (px). */
const UNHEARD_SCROLL_PX = 1.5;

/** Where each list was when its virtualiser last heard a scroll event or wrote a position itself. */
const knownTop = new WeakMap<object, number>();

/** The virtualiser's own listener, noting each position it hears. */
export function observeHeardOffset<TScroll extends Element, TItem extends Element>(
  instance: Virtualizer<TScroll, TItem>,
  onOffset: (offset: number, isScrolling: boolean) => void,
): (() => void) | undefined {
  return observeElementOffset(instance, (offset, isScrolling) => {
    knownTop.set(instance, offset);
    onOffset(offset, isScrolling);
  });
}

/**
 * The virtualiser's scroll writes, except while a scroll it has not heard of is on its way.
 * Its corrections (rows measured taller or shorter than estimated, and the retry of one the page
 * was too short for) are computed from where it last saw the list; when the reader (or a key, or
 * focus) moved the list after that and a render or a measurement comes before the scroll event,
 * writing them would throw the reader back (to the end, as a conversation opens or a reply grows).
 * Such a write is dropped: the scroll event on its way brings the virtualiser to where the list is.
 * A list held at its end by the browser (a write clamped to a page that has not grown yet, or a
 * page that shrank) has not been moved by anyone: writes go on there.
 */
export function scrollUnlessOvertaken<TScroll extends Element, TItem extends Element>(
  offset: number,
  options: { adjustments?: number; behavior?: ScrollBehavior },
  instance: Virtualizer<TScroll, TItem>,
): void {
  const element = instance.scrollElement;
  const known = knownTop.get(instance);
  if (element && known !== undefined) {
    const top = element.scrollTop;
    const end = element.scrollHeight - element.clientHeight;
    if (Math.abs(top - known) > UNHEARD_SCROLL_PX && top < end - UNHEARD_SCROLL_PX) return;
  }
  elementScroll(offset, options, instance);
  if (element) knownTop.set(instance, element.scrollTop);
}
