import type { Browser } from 'playwright-core';
import { createCore } from '../../src/core/core';
import type { Logger } from '../../src/core/ports';
import { defaultRendererDir, startHost } from '../../src/host/server';
import { benchHistory, PROMPT, type StreamCase } from './content';
import { measureMainThread } from './mainThread';
import { pacedAgent } from './pacedAgent';
import { PROBE_FINISHED, PROBE_RESULT, PROBE_SCRIPT, START_PROBE, type ProbeResult } from './probe';
import type { SideResult } from './sideResult';
import { waitForEnd } from './withTimeout';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Navi as people use it: the built renderer in Chromium through the browser host, a conversation
 * of earlier messages in SQLite, and the reply streamed by an agent through the core.
 */
export async function runNaviSide(
  browser: Browser,
  projectRoot: string,
  dataDir: string,
  stream: StreamCase,
  cpuThrottle: number,
): Promise<SideResult> {
  const { deltas, intervalMs } = stream;
  const core = createCore({
    dataDir,
    version: 'bench',
    shell: 'browser',
    logger: quiet,
    agent: pacedAgent(deltas, intervalMs),
  });
  const host = await startHost({
    services: core.services,
    rendererDir: defaultRendererDir(projectRoot),
    logger: quiet,
  });
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  try {
    const session = core.store.createSession('Benchmark: a long reply');
    for (const message of benchHistory()) {
      core.store.appendMessage({
        sessionId: session.id,
        role: message.role,
        parts: [{ type: 'text', text: message.text }],
        status: 'complete',
        origin: 'user',
      });
    }
    const page = await context.newPage();
    await page.addInitScript(PROBE_SCRIPT);
    await page.goto(`${host.url}#/c/${session.id}`);
    await page.getByText('It also logs a warning once.').last().waitFor({ timeout: 30_000 });
    // Let the history's highlighting and layout finish before measuring.
    await page.waitForTimeout(1_500);

    let done: Promise<unknown> = Promise.resolve();
    let finished = true;
    const windowMs = deltas.length * intervalMs;
    const mainThread = await measureMainThread(
      browser,
      page,
      windowMs,
      'navi',
      async () => {
        await page.evaluate(START_PROBE);
        done = core.orchestrator.startRun(session.id, PROMPT).done;
        finished = await waitForEnd(page.evaluate(PROBE_FINISHED), windowMs);
      },
      cpuThrottle,
    );
    await done;
    const probe = (await page.evaluate(PROBE_RESULT)) as ProbeResult;
    return { probe, mainThread, finished };
  } finally {
    await context.close();
    await host.close();
    await core.close();
  }
}
