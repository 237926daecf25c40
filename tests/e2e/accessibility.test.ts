import axe from 'axe-core';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, useBrowserHarness } from './browserHarness';
import { startChatFixture } from './chatDriver';

// Notifications and their prompt need the full Chromium (see useBrowserHarness).
const harness = useBrowserHarness({ fullChromium: true });

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** axe-core (pinned) run on the whole page: every violation, with where it is. */
async function violations(page: Page): Promise<string[]> {
  // Evaluated by the test, so the page's CSP (no inline scripts) stays as it is.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axe.source);
  const found = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as Violation[];
  return found.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.impact} ${violation.id}: ${violation.help} at ${node.target.join(' ')}`),
  );
}

/** A reply with what tends to fail: highlighted code wider than the column, a table, a tool's card. */
const REPLY_TEXT = [
  '## Deploy notes',
  '',
  'The `build` step failed; here is the config:',
  '',
  '```ts',
  `export const config = { retries: 3, timeoutMs: 120_000, regions: ['eu-west-1', 'us-east-1', 'ap-southeast-2'], notify: 'ops@example.com' };`,
  'function check(value: string): boolean {',
  '  return value.length > 0; // a comment',
  '}',
  '```',
  '',
  '| Step | Status |',
  '| --- | --- |',
  '| build | failed |',
  '',
  '> Try again after the fix. See [the runbook](https://example.com/runbook).',
].join('\n');

describe('accessibility (axe-core)', () => {
  it('finds no violation on the main views, light and dark, wide and narrow', async () => {
    const { running, errors } = await startChatFixture(harness);
    const { store } = running.core;
    const session = store.createSession('Deploy watch');
    store.appendMessage({
      sessionId: session.id,
      role: 'user',
      parts: [{ type: 'text', text: 'Why did the deploy fail?' }],
      status: 'complete',
      origin: 'user',
    });
    store.appendMessage({
      sessionId: session.id,
      role: 'assistant',
      parts: [
        { type: 'tool-call', toolCallId: 't1', toolName: 'current_time', input: { timeZone: 'Asia/Kolkata' } },
        {
          type: 'tool-result',
          toolCallId: 't1',
          toolName: 'current_time',
          output: { time: '2026-11-29T10:00:00+05:30' },
          isError: false,
        },
        { type: 'text', text: REPLY_TEXT },
      ],
      status: 'complete',
      origin: 'user',
    });
    // Each view with what shows it is on screen (not the view before it, still there for a moment).
    const views: [string, (page: Page) => Locator][] = [
      ['', (page) => page.getByRole('textbox', { name: 'Message' })],
      [`#/c/${session.id}`, (page) => page.getByText('Deploy notes')],
      ['#/settings', (page) => page.getByRole('heading', { name: 'Settings', level: 2 })],
      ['#/scheduled', (page) => page.getByRole('heading', { name: 'Scheduled', level: 2 })],
    ];
    const found: string[] = [];
    // One page load: the views are hash routes, and colour scheme and width are emulated in place
    // (each page load costs seconds on a busy machine; what axe checks is the view, not the load).
    const page = await harness.browser.newPage();
    harness.afterTest(() => page.close());
    collectPageErrors(page, errors);
    page.setDefaultTimeout(10_000);
    await page.goto(`${running.host.url}#/`);
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1200, 400]) {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width, height: 800 });
        for (const [view, shown] of views) {
          // Only the hash changes: a same-document navigation, no reload.
          await page.goto(`${running.host.url}${view || '#/'}`);
          await shown(page).waitFor();
          if (view.startsWith('#/c/')) {
            // Shiki colours the code once its grammar has loaded: axe must read those colours.
            const coloured = page.locator('[data-streamdown="code-block-body"] span[style*="--sdm-c: #"]');
            await expect.poll(() => coloured.count(), { timeout: 10_000 }).toBeGreaterThan(0);
          }
          found.push(
            ...(await violations(page)).map((line) => `${colorScheme} ${width}px ${view || 'new chat'}: ${line}`),
          );
        }
        // The keyboard shortcuts sheet, over the page it was opened from.
        await page.keyboard.press('Control+/');
        await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
        found.push(...(await violations(page)).map((line) => `${colorScheme} ${width}px shortcuts: ${line}`));
        await page.keyboard.press('Escape');
        await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
        if (width < 760) {
          // The sidebar open over the page, then closed again for the next round.
          await page.getByRole('button', { name: 'Show sidebar' }).click();
          await page.getByRole('navigation', { name: 'Sidebar' }).waitFor();
          found.push(...(await violations(page)).map((line) => `${colorScheme} ${width}px sidebar: ${line}`));
          await page.keyboard.press('Escape');
          await page.getByRole('button', { name: 'Show sidebar' }).waitFor();
        }
      }
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
