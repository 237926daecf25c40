import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuild } from '../../src/host/rendererBuild';
import { defaultRendererDir } from '../../src/host/server';
import { launchChromium } from '../../tests/helpers/browser';
import { withTempDir } from '../lib/tempDir';
import type { BenchModule, BenchRow } from '../lib/types';
import { DELTA_CHARS, DELTA_INTERVAL_MS, HISTORY_MESSAGES, REPLY_CHARS } from './content';
import { runNaiveSide } from './naiveSide';
import { runNaviSide } from './naviSide';
import type { SideResult } from './sideResult';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '..', '..');
const BENCHMARK = `renderer: ${REPLY_CHARS / 1000}k-char reply into ${HISTORY_MESSAGES} messages`;

function rows(navi: SideResult, naive: SideResult): BenchRow[] {
  const row = (metric: string, unit: string, pick: (side: SideResult) => number, noiseFloor?: number): BenchRow => ({
    benchmark: BENCHMARK,
    metric,
    unit,
    better: 'lower',
    navi: pick(navi),
    naive: pick(naive),
    ...(noiseFloor === undefined ? {} : { noiseFloor }),
  });
  return [
    row('longest main-thread task', 'ms', (side) => side.mainThread.longestTask),
    row('long tasks (> 50 ms)', '', (side) => side.probe.longTasks),
    row('long-task time', 'ms', (side) => side.probe.longTaskTotal),
    row('scripting time', 'ms', (side) => side.mainThread.scripting),
    row('main-thread busy time', 'ms', (side) => side.mainThread.busy),
    row('busy-time growth, last fifth / first fifth', 'x', (side) => side.mainThread.busyGrowth),
    row('time to finish rendering', 'ms', (side) => side.probe.elapsed),
  ];
}

/**
 * Issue 7, part 8 (DESIGN.md "Performance budgets"): a long reply with code blocks streamed into a
 * long conversation in Chromium, Navi's renderer through the browser host against a page that
 * re-renders the whole message with react-markdown on every delta. Budget: no task over 50 ms.
 */
export const rendererStreamingBenchmark: BenchModule = {
  name: 'renderer/streaming',
  description: `Chromium: a ${REPLY_CHARS.toLocaleString('en-US')}-character reply with code blocks, ${DELTA_CHARS} characters every ${DELTA_INTERVAL_MS} ms, into ${HISTORY_MESSAGES} earlier messages; Navi vs react-markdown per delta`,
  run: async ({ log }) => {
    ensureRendererBuild(projectRoot, defaultRendererDir(projectRoot), log);
    const browser = await launchChromium();
    try {
      return await withTempDir(async (dir) => {
        log('  Navi (browser host, built renderer)…');
        const navi = await runNaviSide(browser, projectRoot, dir);
        log('  naive baseline (react-markdown per delta)…');
        const naive = await runNaiveSide(browser, projectRoot, join(here, 'naive'), dir);
        if (navi.mainThread.longestTask > 50) {
          log(`  ✗ over budget: Navi's longest task took ${navi.mainThread.longestTask.toFixed(1)} ms (budget 50 ms)`);
        }
        return rows(navi, naive);
      });
    } finally {
      await browser.close();
    }
  },
};
