import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ControlledAgent } from '../helpers/controlledAgent';
import { startTestHost, type TestHost } from '../helpers/host';
import { collectPageErrors, useBrowserHarness, type BrowserHarness } from './browserHarness';
import { conversationHash, recallRow, recallsRegion } from './recallsDriver';

const harness = useBrowserHarness();

interface PolishFixture {
  readonly agent: ControlledAgent;
  readonly running: TestHost;
  readonly errors: string[];
  /** A page in its own context (options: the page's time zone, colour scheme …), opened at `hash`. */
  open(hash?: string, options?: Parameters<Browser['newContext']>[0]): Promise<Page>;
  /** A conversation made in the core, as if it had been there before. */
  conversation(title: string): string;
}

async function start(h: BrowserHarness): Promise<PolishFixture> {
  const agent = new ControlledAgent();
  const running = await startTestHost(h.tempDir(), { agent });
  h.afterTest(() => running.close());
  const errors: string[] = [];
  return {
    agent,
    running,
    errors,
    open: async (hash = '', options = {}) => {
      const context = await h.browser.newContext({ viewport: { width: 1200, height: 800 }, ...options });
      h.afterTest(() => context.close());
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      collectPageErrors(page, errors);
      await page.goto(`${running.host.url}${hash}`);
      return page;
    },
    conversation: (title) => {
      const session = running.core.store.createSession(title);
      running.core.orchestrator.sessionChanged(session);
      return session.id;
    },
  };
}

describe('time-zone names', () => {
  it('offers and shows current IANA names, also for a zone stored under its old name', async () => {
    const { running, open, conversation, errors } = await start(harness);
    const sessionId = conversation('Standups');
    running.core.recalls.create({
      sessionId,
      schedule: { kind: 'cron', expression: '0 9 * * 1-5', timeZone: 'Europe/Kiev' },
      message: 'Post the standup notes',
      createdBy: 'user',
    });
    // Chromium calls this zone Asia/Calcutta (ICU's old name).
    const page = await open(conversationHash(sessionId), { timezoneId: 'Asia/Kolkata' });
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Asia/Calcutta');

    const row = recallRow(recallsRegion(page), 'Post the standup notes');
    await expect.poll(() => row.innerText()).toContain('(Europe/Kyiv)');

    await row.getByRole('button', { name: 'Edit recall' }).click();
    const edit = page.getByRole('form', { name: 'Edit recall' });
    const zone = edit.getByRole('combobox', { name: 'Time zone' });
    expect(await zone.inputValue()).toBe('Europe/Kyiv');
    const offered = await zone
      .locator('option')
      .evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    expect(offered).toEqual(expect.arrayContaining(['Asia/Kolkata', 'Europe/Kyiv', 'Asia/Kathmandu', 'UTC']));
    for (const old of ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Katmandu']) expect(offered).not.toContain(old);
    await edit.getByRole('button', { name: 'Cancel' }).click();

    // A new recall starts in the page's own zone, by its current name, and is saved under it.
    await recallsRegion(page).getByRole('button', { name: 'New recall' }).click();
    const form = page.getByRole('form', { name: 'New recall' });
    await form.getByText('Read in Asia/Kolkata time', { exact: false }).waitFor();
    await form.getByRole('radio', { name: 'Cron' }).check();
    expect(await form.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Asia/Kolkata');
    await form.getByLabel('Instructions').fill('Water the plants');
    await form.getByRole('button', { name: 'Create recall' }).click();
    await form.waitFor({ state: 'detached' });
    const created = running.core.recalls.list(sessionId).find((recall) => recall.message === 'Water the plants');
    expect(created?.timeZone).toBe('Asia/Kolkata');
    expect(errors).toEqual([]);
  }, 30_000);
});
