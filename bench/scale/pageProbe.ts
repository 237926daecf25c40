/**
 * Installed before the page's scripts: notes (page time, ms since navigation) the first frame in
 * which the sidebar's conversation links and a conversation's messages are on screen, and every
 * long task. Plain JavaScript text, as bench/renderer/probe.ts explains.
 */
export const PAINT_PROBE = `(() => {
  const state = { sidebar: 0, conversation: 0, tasks: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const poll = () => {
    if (!state.sidebar && document.querySelector('[aria-label="Conversations"] a[href^="#/c/"]')) state.sidebar = performance.now();
    if (!state.conversation && document.querySelector('ol.messages > li.message-row')) state.conversation = performance.now();
    if (!state.sidebar || !state.conversation) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  window.__scaleProbe = state;
})();`;

/** In the page: resolves on the first frame where `ready()` holds, with the ms since `start`. */
export const UNTIL_PAINTED = `(start, ready) => new Promise((resolve) => {
  const check = () => (ready() ? requestAnimationFrame(() => resolve(performance.now() - start)) : requestAnimationFrame(check));
  check();
})`;
