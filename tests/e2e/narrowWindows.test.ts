import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, useBrowserHarness } from './browserHarness';
import { startChatFixture } from './chatDriver';

const harness = useBrowserHarness();

/** How far the page scrolls sideways (0: it fits), and the width of the chat's message column. */
/** Whether the element has the keyboard focus. */
const focused = (page: Page, name: string) =>
  page.getByRole('button', { name }).evaluate((element) => element === element.ownerDocument.activeElement);

const fit = (page: Page) =>
  page.evaluate(`({
    sideways: document.documentElement.scrollWidth - window.innerWidth,
    column: document.querySelector('.message-scroller')?.getBoundingClientRect().width ?? 0,
  })`) as Promise<{ sideways: number; column: number }>;

describe('narrow and wide windows', () => {
  it('folds the sidebar to a rail (button and Ctrl+B, remembered); a narrow window opens it over the page', async () => {
    const { running, errors } = await startChatFixture(harness);
    const trip = running.core.store.createSession('Trip planning');
    running.core.store.createSession('Deploy watch');
    const context = await harness.browser.newContext({ viewport: { width: 1200, height: 800 } });
    harness.afterTest(() => context.close());
    const page = await context.newPage();
    collectPageErrors(page, errors);
    page.setDefaultTimeout(10_000);
    await page.goto(`${running.host.url}#/c/${trip.id}`);
    const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
    await sidebar.getByRole('link', { name: 'Deploy watch' }).waitFor();

    // Wide: the button folds it, Ctrl+B unfolds it, and the choice outlives a reload.
    await page.getByRole('button', { name: 'Hide sidebar' }).click();
    await expect.poll(() => sidebar.count()).toBe(0);
    expect(await focused(page, 'Show sidebar')).toBe(true);
    await page.reload();
    await page.getByRole('button', { name: 'Show sidebar' }).waitFor();
    expect(await sidebar.count()).toBe(0);
    await page.keyboard.press('Control+b');
    await sidebar.getByRole('link', { name: 'Deploy watch' }).waitFor();
    // Ctrl+K while folded shows it and puts the cursor in the search box.
    await page.keyboard.press('Control+b');
    await expect.poll(() => sidebar.count()).toBe(0);
    await page.keyboard.press('Control+k');
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    await expect.poll(() => search.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);

    for (const width of [420, 360]) {
      await page.setViewportSize({ width, height: 740 });
      await page.goto(`${running.host.url}#/c/${trip.id}`);
      await page.getByRole('heading', { name: 'Trip planning' }).waitFor();
      // Narrow: closed at first whatever was remembered, nothing scrolls sideways, the chat has the room.
      expect(await sidebar.count()).toBe(0);
      const { sideways, column } = await fit(page);
      expect(sideways).toBe(0);
      expect(column).toBeGreaterThan(width - 60);
      await page.getByRole('button', { name: 'Show sidebar' }).click();
      await sidebar.getByRole('link', { name: 'Deploy watch' }).click();
      await page.getByRole('heading', { name: 'Deploy watch' }).waitFor();
      await expect.poll(() => sidebar.count()).toBe(0);
      // Escape closes it too, and focus goes back to the button that opened it.
      await page.getByRole('button', { name: 'Show sidebar' }).click();
      await sidebar.waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => sidebar.count()).toBe(0);
      expect(await focused(page, 'Show sidebar')).toBe(true);
      expect((await fit(page)).sideways).toBe(0);
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
