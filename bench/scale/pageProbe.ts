import type { Page } from 'playwright-core';

/** The title a page served with the reporting probe takes once it has painted: this, a space, its reading as JSON. */
export const PROBE_TITLE = 'navi-paint-probe';

/**
 * Notes (page time, ms since navigation) the first frame in which the sidebar's conversation links
 * and a conversation's messages are on screen, and every long task. Plain JavaScript text, as
 * bench/renderer/probe.ts explains. With `report`, the page also tells its reading once both are
 * painted, in its title (PROBE_TITLE): a browser reads titles without attaching to the page.
 */
function paintProbe(report: boolean): string {
  return `(() => {
  // One probe a page: the init script's, when the page is driven attached.
  if (window.__scaleProbe) return;
  const state = { sidebar: 0, conversation: 0, tasks: [] };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.tasks.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ type: 'longtask', buffered: true });
  const done = () => {
    for (const entry of observer.takeRecords()) state.tasks.push({ start: entry.startTime, duration: entry.duration });
    const loading = state.tasks.filter((task) => task.start <= state.conversation).map((task) => task.duration);
    const html = performance.getEntriesByType('navigation')[0];
    const reading = {
      sidebar: state.sidebar,
      conversation: state.conversation,
      longestLoadingTask: Math.max(0, ...loading),
      htmlRequest: html ? html.requestStart : 0,
      htmlResponse: html ? html.responseStart : 0,
      viewport: [innerWidth, innerHeight],
    };
    document.title = ${JSON.stringify(PROBE_TITLE)} + ' ' + JSON.stringify(reading);
  };
  const poll = () => {
    if (!state.sidebar && document.querySelector('[aria-label="Conversations"] a[href^="#/c/"]')) state.sidebar = performance.now();
    if (!state.conversation && document.querySelector('ol.messages > li.message-row')) state.conversation = performance.now();
    if (!state.sidebar || !state.conversation) requestAnimationFrame(poll);
    else if (${report}) done();
  };
  requestAnimationFrame(poll);
  window.__scaleProbe = state;
})();`;
}

/** Installed before the page's scripts (an init script of an attached page). */
export const PAINT_PROBE = paintProbe(false);

/** Served inside the page (bench/scale/unattached.ts): reports through the title. */
export const REPORTING_PAINT_PROBE = paintProbe(true);

/** In the page: resolves on the first frame where `ready()` holds, with the ms since `start`. */
export const UNTIL_PAINTED = `(start, ready) => new Promise((resolve) => {
  const check = () => (ready() ? requestAnimationFrame(() => resolve(performance.now() - start)) : requestAnimationFrame(check));
  check();
})`;

/** What PAINT_PROBE saw of one page load, ms since navigation. */
export interface PaintReading {
  readonly sidebar: number;
  readonly conversation: number;
  /** The longest task before the conversation was painted. */
  readonly longestLoadingTask: number;
}

/** Opens `url` in `page` with PAINT_PROBE installed and waits until the sidebar and a conversation are painted. */
export async function loadAndWaitForPaint(page: Page, url: string): Promise<PaintReading> {
  await page.addInitScript(PAINT_PROBE);
  await page.goto(url);
  await page.evaluate(`new Promise((resolve) => {
    const check = () => (window.__scaleProbe.sidebar && window.__scaleProbe.conversation ? resolve() : setTimeout(check, 50));
    check();
  })`);
  const probe = (await page.evaluate('window.__scaleProbe')) as {
    sidebar: number;
    conversation: number;
    tasks: { start: number; duration: number }[];
  };
  const loading = probe.tasks.filter((task) => task.start <= probe.conversation).map((task) => task.duration);
  return { sidebar: probe.sidebar, conversation: probe.conversation, longestLoadingTask: Math.max(0, ...loading) };
}
