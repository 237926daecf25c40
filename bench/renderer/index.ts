import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuild } from '../../src/host/rendererBuild';
import { defaultRendererDir } from '../../src/host/server';
import { launchChromium } from '../../tests/helpers/browser';
import { alternate, rowOf } from '../lib/sides';
import { withTempDir } from '../lib/tempDir';
import type { BenchModule, BenchRow } from '../lib/types';
import { HISTORY_MESSAGES, streamCases, type StreamCase } from './content';
import { buildNaivePage, serveNaivePage } from './naivePage';
import { runNaiveSide } from './naiveSide';
import { runNaviSide } from './naviSide';
import type { SideResult } from './sideResult';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '..', '..');
/** Runs per side and case, sides alternating who goes first. */
const RUNS = Number(process.env.NAVI_BENCH_RENDERER_RUNS ?? 2);
const THROTTLES = [1, 4] as const;

/** How far behind the stream the page was when it showed its end: never less than zero. */
const lag = (stream: StreamCase, side: SideResult): number =>
  Math.max(0, side.probe.elapsed - (stream.deltas.length - 1) * stream.intervalMs);

function rows(stream: StreamCase, throttle: number, runs: { navi: SideResult[]; naive: SideResult[] }): BenchRow[] {
  const benchmark = `renderer: ${stream.name}${throttle === 1 ? '' : `, ${throttle}x CPU throttling`}`;
  const row = (metric: string, unit: string, pick: (side: SideResult) => number, noiseFloor?: number) =>
    rowOf(runs, { benchmark, metric, unit, better: 'lower', noiseFloor }, pick);
  return [
    row('longest main-thread task (budget 50 ms)', 'ms', (side) => side.mainThread.longestTask),
    row('long tasks (> 50 ms)', '', (side) => side.probe.longTasks),
    row('main-thread busy time', 'ms', (side) => side.mainThread.busy),
    // The same work in thread (CPU) time: what the page did, hardly moved by other load on the machine.
    row('main-thread CPU time (trace thread time)', 'ms', (side) => side.mainThread.threadCpu),
    row('longest task in CPU time', 'ms', (side) => side.mainThread.longestTaskCpu),
    // A window should never be more than a frame behind: what is left to show when the stream ends.
    row('behind the stream at its end', 'ms', (side) => lag(stream, side), 17),
  ];
}

/**
 * Issue 7 part 8 and issue 17 parts 1 and 6 (DESIGN.md "Performance budgets"): replies streamed
 * into a 500-message conversation in Chromium, at normal speed and at 4x CPU throttling. Navi's
 * renderer through the browser host (core, socket, built page) against a page that splits the
 * reply into blocks on every delta and memoises react-markdown per block.
 */
export const rendererStreamingBenchmark: BenchModule = {
  name: 'renderer/streaming',
  description: `Chromium: a typical reply, a 120k-character paragraph and a 60k-character open code block streamed into ${HISTORY_MESSAGES} earlier messages, at 1x and 4x CPU throttling; Navi vs react-markdown memoised per block`,
  run: async ({ log }) => {
    ensureRendererBuild(projectRoot, defaultRendererDir(projectRoot), log);
    const browser = await launchChromium();
    try {
      return await withTempDir(async (dir) => {
        const naivePage = join(dir, 'naive-page');
        await buildNaivePage(projectRoot, join(here, 'naive'), naivePage);
        const server = await serveNaivePage(naivePage);
        try {
          const all: BenchRow[] = [];
          let runIndex = 0;
          for (const stream of streamCases()) {
            for (const throttle of THROTTLES) {
              log(`  ${stream.name}${throttle === 1 ? '' : `, ${throttle}x throttled`}…`);
              const runs = await alternate(RUNS, async (side) => {
                const result =
                  side === 'navi'
                    ? await runNaviSide(browser, projectRoot, makeDir(dir, `navi-${runIndex++}`), stream, throttle)
                    : await runNaiveSide(browser, server, stream, throttle);
                if (!result.finished) log(`    ${side}: still behind at the cut-off; its readings are lower bounds`);
                return result;
              });
              const found = rows(stream, throttle, runs);
              const longest = found[0]!;
              if (longest.navi > 50) {
                log(`  ✗ over budget: Navi's longest task took ${longest.navi.toFixed(1)} ms (budget 50 ms)`);
              }
              all.push(...found);
            }
          }
          return all;
        } finally {
          await server.close();
        }
      });
    } finally {
      await browser.close();
    }
  },
};

function makeDir(parent: string, name: string): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
