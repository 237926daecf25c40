import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ControlledAgent } from '../helpers/controlledAgent';
import { startTestHost, type TestHost } from '../helpers/host';
import { collectPageErrors, type BrowserHarness } from './browserHarness';

/** A host with an agent the test drives, and pages on it that must not log errors. */
export interface ChatFixture {
  readonly agent: ControlledAgent;
  readonly running: TestHost;
  readonly errors: string[];
  open(path?: string): Promise<Page>;
  /** Pages opened by the app itself ("Open in new window") also have their errors watched. */
  watch(page: Page): Page;
}

/** Starts a chat fixture in a fresh data directory; its host is closed after the current test. */
export async function startChatFixture(harness: BrowserHarness): Promise<ChatFixture> {
  const agent = new ControlledAgent();
  const running = await startTestHost(harness.tempDir(), { agent });
  harness.afterTest(() => running.close());
  const errors: string[] = [];
  const watch = (page: Page): Page => {
    page.setDefaultTimeout(10_000);
    collectPageErrors(page, errors);
    return page;
  };
  return {
    agent,
    running,
    errors,
    watch,
    open: async (hash = '') => {
      const page = watch(await harness.browser.newPage({ viewport: { width: 1200, height: 800 } }));
      // Below the test timeout, so a wait that never ends names its locator.
      page.setDefaultTimeout(10_000);
      await page.goto(`${running.host.url}${hash}`);
      await page.getByRole('textbox', { name: 'Message' }).waitFor();
      return page;
    },
  };
}

/** Types a message and sends it with Enter. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** Waits until the agent has been asked for `count` runs. */
export async function runStarted(agent: ControlledAgent, count: number): Promise<void> {
  await expect.poll(() => agent.runs.length).toBe(count);
}

/** The text of the latest reply from Navi on a page. */
export function lastReplyText(page: Page): Promise<string> {
  return page
    .getByRole('article', { name: 'Navi' })
    .last()
    .locator('.markdown')
    .allInnerTexts()
    .then((texts) => texts.join('').trim());
}

/** The session id in the page's address (`#/c/<id>`). */
export function sessionIdOf(page: Page): string {
  const match = /#\/c\/([^/?#]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`No conversation in ${page.url()}`);
  return decodeURIComponent(match[1]);
}
