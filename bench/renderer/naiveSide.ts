import type { Browser } from 'playwright-core';
import { benchHistory, PROMPT, type StreamCase } from './content';
import { measureMainThread } from './mainThread';
import type { NaivePage } from './naivePage';
import { PROBE_FINISHED, PROBE_RESULT, PROBE_SCRIPT, START_PROBE, type ProbeResult } from './probe';
import type { SideResult } from './sideResult';
import { waitForEnd } from './withTimeout';

/** The baseline page (built and served once per benchmark), fed the same deltas at the same pace. */
export async function runNaiveSide(
  browser: Browser,
  server: NaivePage,
  stream: StreamCase,
  cpuThrottle: number,
): Promise<SideResult> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE_SCRIPT);
    await page.goto(server.url);
    const input = { history: benchHistory(), prompt: PROMPT, deltas: stream.deltas, intervalMs: stream.intervalMs };
    await page.evaluate(`window.__naive.mount(${JSON.stringify(input)})`);
    await page.getByText('It also logs a warning once.').last().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_500);

    const windowMs = stream.deltas.length * stream.intervalMs;
    let finished = true;
    const mainThread = await measureMainThread(
      browser,
      page,
      windowMs,
      'naive',
      async () => {
        await page.evaluate(`${START_PROBE}; window.__naive.start()`);
        finished = await waitForEnd(page.evaluate(PROBE_FINISHED), windowMs);
      },
      cpuThrottle,
    );
    const probe = (await page.evaluate(PROBE_RESULT)) as ProbeResult;
    return { probe, mainThread, finished };
  } finally {
    await context.close();
  }
}
