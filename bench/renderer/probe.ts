import { END_MARKER } from './content';

/** What the in-page probe reports (page time, milliseconds). */
export interface ProbeResult {
  /** From `start()` until the reply's last text was in the DOM (or until asked, if it never was). */
  readonly elapsed: number;
  /** Long tasks (> 50 ms, PerformanceObserver 'longtask') during that time. */
  readonly longTasks: number;
  readonly longTaskTotal: number;
  readonly longestLongTask: number;
}

/**
 * Installed before the page's own scripts (`page.addInitScript`): observes long tasks and the DOM,
 * and notes when the end marker arrives. Plain JavaScript text, so nothing of the bench's own
 * compilation (helpers a transpiler adds to functions) travels into the page.
 */
export const PROBE_SCRIPT = `(() => {
  const marker = ${JSON.stringify(END_MARKER)};
  const state = { start: 0, end: 0, tasks: [] };
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const hasMarker = (node) => node !== null && typeof node.textContent === 'string' && node.textContent.includes(marker);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const found = record.type === 'characterData'
        ? hasMarker(record.target)
        : Array.prototype.some.call(record.addedNodes, hasMarker);
      if (found) {
        state.end = performance.now();
        observer.disconnect();
        finish();
        return;
      }
    }
  });
  window.__benchProbe = {
    start() {
      state.start = performance.now();
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    finished: () => finished,
    result() {
      // Not finished (the run was cut off): everything up to now, a lower bound.
      const end = state.end || performance.now();
      const tasks = state.tasks.filter((task) => task.start >= state.start && task.start <= end);
      return {
        elapsed: end - state.start,
        longTasks: tasks.length,
        longTaskTotal: tasks.reduce((sum, task) => sum + task.duration, 0),
        longestLongTask: tasks.reduce((max, task) => Math.max(max, task.duration), 0),
      };
    },
  };
})();`;

/** Evaluated in the page (as text, see PROBE_SCRIPT). */
export const START_PROBE = 'window.__benchProbe.start()';
export const PROBE_FINISHED = 'window.__benchProbe.finished()';
export const PROBE_RESULT = 'window.__benchProbe.result()';
