import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { startHost, defaultRendererDir } from '../../src/host/server';
import { budgetRow, quantile, statedRow } from '../lib/sides';
import { MB } from '../lib/heap';
import { now } from '../lib/timing';
import type { BenchRow } from '../lib/types';
import type { Dataset } from '../dataset';
import { laterStart, type LaterStartReading } from './laterStart';
import { openCore, quiet } from './openCore';
import { loadAndWaitForPaint, UNTIL_PAINTED } from './pageProbe';
import { probedRendererDir, startUnattachedChromium, VIEWPORT, type UnattachedChromium } from './unattached';

const RUNS = Number(process.env.NAVI_BENCH_SCALE_RUNS ?? 3);
const SWITCHES = 5;

interface PageReading {
  readonly hostStartMs: number;
  readonly listBytes: number;
  readonly hostRssMb: number;
  readonly hostHeapMb: number;
  /** The first start, nothing attached (bench/scale/unattached.ts). */
  readonly sidebarMs: number;
  readonly conversationMs: number;
  readonly loadLongestTaskMs: number;
  /** The same first start with Playwright attached, as the page is driven for the rest. */
  readonly attachedConversationMs: number;
  readonly pageHeapMb: number;
  readonly domNodes: number;
  readonly switchMs: readonly number[];
  readonly loadEarlierMs: readonly number[];
  readonly scrollLongTasks: number;
  readonly scrollLongestTaskMs: number;
  readonly scrollLongestFrameMs: number;
  readonly fullPageHeapMb: number;
  readonly fullDomNodes: number;
}

async function pageMemory(session: CDPSession): Promise<{ heapMb: number; nodes: number }> {
  await session.send('HeapProfiler.collectGarbage');
  const heap = await session.send('Runtime.getHeapUsage');
  const counters = await session.send('Memory.getDOMCounters');
  return { heapMb: heap.usedSize / MB, nodes: counters.nodes };
}

/** Clicks the sidebar link to `hash` and times it until that conversation's messages are painted. */
async function switchTo(page: Page, hash: string): Promise<number> {
  return page.evaluate(
    `((hash) => {
      const before = document.querySelector('ol.messages');
      const start = performance.now();
      document.querySelector('[aria-label="Conversations"] a[href="' + hash + '"]').click();
      return (${UNTIL_PAINTED})(start, () => {
        const list = document.querySelector('ol.messages');
        return location.hash === hash && list !== null && list !== before && list.querySelector('li.message-row') !== null;
      });
    })(${JSON.stringify(hash)})`,
  );
}

/**
 * Clicks "Load earlier messages" and times it until the older page is in the list and painted (the
 * list is virtualised: a row on screen stays, its position among the loaded messages grows);
 * undefined when none is left.
 */
async function loadEarlier(page: Page): Promise<number | undefined> {
  return page.evaluate(`(() => {
    const button = [...document.querySelectorAll('.load-earlier button')].find((b) => !b.disabled);
    if (!button) return undefined;
    const row = document.querySelector('ol.messages > li[data-message-id]');
    const id = row.getAttribute('data-message-id');
    const position = Number(row.getAttribute('aria-posinset'));
    const start = performance.now();
    button.click();
    return (${UNTIL_PAINTED})(start, () => {
      const same = document.querySelector('ol.messages > li[data-message-id="' + id + '"]');
      return same !== null && Number(same.getAttribute('aria-posinset')) > position;
    });
  })()`);
}

/** Scrolls the conversation from its top to its end, a screenful and a half per frame, watching long tasks. */
async function scrollThrough(page: Page): Promise<{ longTasks: number; longestTask: number; longestFrame: number }> {
  return page.evaluate(`(async () => {
    const scroller = document.querySelector('.message-scroller');
    scroller.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const tasks = [];
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
    observer.observe({ type: 'longtask' });
    let last = performance.now();
    let longestFrame = 0;
    await new Promise((resolve) => {
      const step = () => {
        const at = performance.now();
        longestFrame = Math.max(longestFrame, at - last);
        last = at;
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) return resolve();
        scroller.scrollTop += scroller.clientHeight * 1.5;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();
    return { longTasks: tasks.length, longestTask: Math.max(0, ...tasks), longestFrame };
  })()`);
}

async function onePass(
  browser: Browser,
  unattached: UnattachedChromium,
  dataset: Dataset,
  rendererDir: string,
  probedDir: string,
): Promise<PageReading> {
  const started = now();
  const core = openCore(dataset.dataDir);
  const host = await startHost({ services: core.services, rendererDir, logger: quiet });
  const hostStartMs = now() - started;
  // The same core served again with the probe in the page, for the load with nothing attached.
  const probedHost = await startHost({ services: core.services, rendererDir: probedDir, logger: quiet });
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const listBytes = Buffer.byteLength(
      JSON.stringify(
        await core.services.sessions.list(undefined, {
          signal: new AbortController().signal,
          peerId: 'bench',
          isCongested: () => false,
        }),
      ),
    );
    const [typical, ...others] = dataset.manifest.typical;
    const large = dataset.manifest.large[0]!;
    const first = await unattached.load(`${probedHost.url}#/c/${typical!.id}`, { fresh: true });
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    const probe = await loadAndWaitForPaint(page, `${host.url}#/c/${typical!.id}`);
    const loaded = await pageMemory(session);
    const memory = process.memoryUsage();

    // Switch between conversations listed in the sidebar (the recent ones a person has on screen).
    const onScreen = new Set(
      (await page.evaluate(
        `[...document.querySelectorAll('[aria-label="Conversations"] a[href^="#/c/"]')].map((a) => a.getAttribute('href'))`,
      )) as string[],
    );
    const targets = others.map((other) => `#/c/${encodeURIComponent(other.id)}`).filter((hash) => onScreen.has(hash));
    const switchMs: number[] = [];
    for (const hash of targets.slice(0, SWITCHES)) switchMs.push(await switchTo(page, hash));

    // The 5,000-message conversation: every older page loaded, then scrolled from top to end.
    await page.evaluate(`location.hash = ${JSON.stringify(`#/c/${encodeURIComponent(large.id)}`)}`);
    await page.locator(`[data-message-id="${large.leafId}"]`).waitFor({ timeout: 60_000 });
    const loadEarlierMs: number[] = [];
    for (;;) {
      const ms = await loadEarlier(page);
      if (ms === undefined) break;
      loadEarlierMs.push(ms);
    }
    const scroll = await scrollThrough(page);
    const full = await pageMemory(session);
    return {
      hostStartMs,
      listBytes,
      hostRssMb: memory.rss / MB,
      hostHeapMb: memory.heapUsed / MB,
      sidebarMs: first.sidebar,
      conversationMs: first.conversation,
      loadLongestTaskMs: first.longestLoadingTask,
      attachedConversationMs: probe.conversation,
      pageHeapMb: loaded.heapMb,
      domNodes: loaded.nodes,
      switchMs,
      loadEarlierMs,
      scrollLongTasks: scroll.longTasks,
      scrollLongestTaskMs: scroll.longestTask,
      scrollLongestFrameMs: scroll.longestFrame,
      fullPageHeapMb: full.heapMb,
      fullDomNodes: full.nodes,
    };
  } finally {
    await context.close();
    await probedHost.close();
    await host.close();
    await core.close();
  }
}

/**
 * Issue 17 parts 4 and 5 in Chromium through the browser host on the generated data set: start,
 * first paint of the sidebar and a conversation, switching, "Load earlier messages" through a
 * 5,000-message conversation and scrolling it end to end, and memory, against the design's budgets.
 */
export async function pageRows(
  browser: Browser,
  dataset: Dataset,
  projectRoot: string,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const readings: PageReading[] = [];
  const later: LaterStartReading[] = [];
  const rendererDir = defaultRendererDir(projectRoot);
  const probed = probedRendererDir(rendererDir);
  // First starts open in fresh contexts of one browser started here, as the attached pages do in
  // Playwright's; its own profile stays empty.
  const profile = mkdtempSync(join(tmpdir(), 'navi-bench-profile-'));
  const unattached = await startUnattachedChromium(profile);
  try {
    for (let run = 0; run < RUNS; run++) {
      readings.push(await onePass(browser, unattached, dataset, rendererDir, probed.dir));
      later.push(await laterStart(dataset, probed.dir));
      const last = readings.at(-1)!;
      log(
        `  run ${run + 1}: host ${last.hostStartMs.toFixed(0)} ms, conversation ${last.conversationMs.toFixed(0)} ms (attached ${last.attachedConversationMs.toFixed(0)} ms, later start ${later.at(-1)!.conversationMs.toFixed(0)} ms), switch p50 ${quantile(last.switchMs, 0.5).toFixed(0)} ms, load earlier p50 ${quantile(last.loadEarlierMs, 0.5).toFixed(0)} ms (${last.loadEarlierMs.length} pages), scroll long tasks ${last.scrollLongTasks}`,
      );
    }
  } finally {
    await unattached.close();
    rmSync(profile, { recursive: true, force: true });
    probed.dispose();
  }
  const pick = (of: (reading: PageReading) => number) => readings.map(of);
  const budget = (
    benchmark: string,
    metric: string,
    unit: string,
    budgetValue: number,
    of: (r: PageReading) => number,
  ) => budgetRow(pick(of), { benchmark, metric, unit, better: 'lower', budget: budgetValue });
  const stated = (benchmark: string, metric: string, unit: string, of: (r: PageReading) => number) =>
    statedRow(pick(of), { benchmark, metric, unit, better: 'lower' });
  return [
    budget('scale/host', 'host start (core and server listening)', 'ms', 1_000, (r) => r.hostStartMs),
    stated('scale/host', 'host memory after a window loaded (RSS)', 'MB', (r) => r.hostRssMb),
    stated('scale/host', 'host JavaScript heap after a window loaded', 'MB', (r) => r.hostHeapMb),
    stated('scale/host', 'first sessions.list answer', 'KB', (r) => r.listBytes / 1024),
    budget(
      'scale/page',
      'first conversation painted, a first start (nothing cached)',
      'ms',
      300,
      (r) => r.conversationMs,
    ),
    stated(
      'scale/page',
      'first conversation painted, a first start, Playwright attached',
      'ms',
      (r) => r.attachedConversationMs,
    ),
    stated('scale/page', 'sidebar painted (from navigation)', 'ms', (r) => r.sidebarMs),
    budget('scale/page', 'longest task while loading, a first start', 'ms', 50, (r) => r.loadLongestTaskMs),
    budgetRow(
      later.map((r) => r.conversationMs),
      {
        benchmark: 'scale/page',
        metric: 'first conversation painted, a later start (code cache warm)',
        unit: 'ms',
        better: 'lower',
        budget: 300,
      },
    ),
    budgetRow(
      later.map((r) => r.longestTaskMs),
      {
        benchmark: 'scale/page',
        metric: 'longest task while loading, a later start',
        unit: 'ms',
        better: 'lower',
        budget: 50,
      },
    ),
    stated('scale/page', 'page JavaScript heap, a conversation open', 'MB', (r) => r.pageHeapMb),
    stated('scale/page', 'DOM nodes, a conversation open', '', (r) => r.domNodes),
    budget('scale/page', 'switch conversation p50', 'ms', 50, (r) => quantile(r.switchMs, 0.5)),
    budget('scale/page', 'switch conversation worst', 'ms', 50, (r) => Math.max(...r.switchMs)),
    budget('scale/page', '"Load earlier messages" p50', 'ms', 50, (r) => quantile(r.loadEarlierMs, 0.5)),
    budget('scale/page', '"Load earlier messages" p95', 'ms', 50, (r) => quantile(r.loadEarlierMs, 0.95)),
    budget('scale/page', 'longest task scrolling 5,000 messages', 'ms', 50, (r) => r.scrollLongestTaskMs),
    stated('scale/page', 'long tasks scrolling 5,000 messages', '', (r) => r.scrollLongTasks),
    stated('scale/page', 'longest frame scrolling 5,000 messages', 'ms', (r) => r.scrollLongestFrameMs),
    stated('scale/page', 'page JavaScript heap, 5,000 messages loaded', 'MB', (r) => r.fullPageHeapMb),
    stated('scale/page', 'DOM nodes, 5,000 messages loaded', '', (r) => r.fullDomNodes),
  ];
}
