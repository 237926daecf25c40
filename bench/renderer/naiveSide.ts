import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { benchHistory, DELTA_INTERVAL_MS, PROMPT, replyDeltas } from './content';
import { measureMainThread } from './mainThread';
import { buildNaivePage, serveNaivePage } from './naivePage';
import { PROBE_FINISHED, PROBE_RESULT, PROBE_SCRIPT, START_PROBE, type ProbeResult } from './probe';
import type { SideResult } from './sideResult';
import { withTimeout } from './withTimeout';

/** The baseline page, built and served from a temporary directory, fed the same deltas at the same pace. */
export async function runNaiveSide(
  browser: Browser,
  projectRoot: string,
  sourceDir: string,
  dataDir: string,
): Promise<SideResult> {
  const deltas = replyDeltas();
  const outDir = join(dataDir, 'naive-page');
  await buildNaivePage(projectRoot, sourceDir, outDir);
  const server = await serveNaivePage(outDir);
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE_SCRIPT);
    await page.goto(server.url);
    const input = { history: benchHistory(), prompt: PROMPT, deltas, intervalMs: DELTA_INTERVAL_MS };
    await page.evaluate(`window.__naive.mount(${JSON.stringify(input)})`);
    await page.getByText('It also logs a warning once.').last().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_500);

    const mainThread = await measureMainThread(browser, page, deltas.length * DELTA_INTERVAL_MS, 'naive', async () => {
      await page.evaluate(`${START_PROBE}; window.__naive.start()`);
      await withTimeout(page.evaluate(PROBE_FINISHED), 180_000, 'the naive page to show the whole reply');
    });
    const probe = (await page.evaluate(PROBE_RESULT)) as ProbeResult;
    return { probe, mainThread };
  } finally {
    await context.close();
    await server.close();
  }
}
