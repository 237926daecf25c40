/** What Tab can stop on inside a row (what the browser's sequential focus order takes in). */
const TABBABLE =
  'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"], [contenteditable=""]';

/** The elements Tab stops on inside `root`, in document order: enabled, not taken out of the order, laid out. */
export function tabbablesIn(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (element) =>
      element.tabIndex >= 0 &&
      !(element as HTMLButtonElement).disabled &&
      !element.closest('[inert]') &&
      element.getClientRects().length > 0,
  );
}

/**
 * Where Tab (or Shift+Tab, `backwards`) from `target`, inside the row at `index` of a virtualised
 * list of `count` rows, must go when the browser cannot take it there itself: the index of the row
 * to bring into the page and focus, when the next row with something to focus is not rendered yet
 * (the browser would skip it and leave the list). Undefined when the browser's own order is right:
 * the target is not at its row's edge, the next rendered row has something to focus, or no row is
 * left that way (focus leaves the list, as it should).
 */
export function unrenderedTabStop(
  list: Element,
  index: number,
  target: Element,
  backwards: boolean,
  count: number,
): number | undefined {
  const row = list.querySelector(`:scope > li[data-index="${index}"]`);
  if (!row) return undefined;
  const own = tabbablesIn(row);
  const at = own.indexOf(target as HTMLElement);
  // Inside the row, or on something the row does not count (then the browser decides).
  if (at < 0 || (backwards ? at > 0 : at < own.length - 1)) return undefined;
  const step = backwards ? -1 : 1;
  for (let next = index + step; next >= 0 && next < count; next += step) {
    const rendered = list.querySelector(`:scope > li[data-index="${next}"]`);
    if (!rendered) return next;
    if (tabbablesIn(rendered).length > 0) return undefined;
  }
  return undefined;
}
