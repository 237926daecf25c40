import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { reply } from '../fixtures';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, sendMessage, startProviderChat } from './chatDriver';

const harness = useBrowserHarness();

/** The header's layout: how many rows its parts take, the title's width, and whether anything spills out. */
const headerLayout = (page: Page) =>
  page.evaluate(`(() => {
    const header = document.querySelector('.chat-header');
    const title = header.querySelector('.chat-title').getBoundingClientRect();
    const parts = [...header.querySelectorAll('.chat-title, .chat-header-actions > *')]
      .map((element) => element.getBoundingClientRect())
      .filter((box) => box.width > 0);
    const rows = new Set(parts.map((box) => Math.round(box.top + box.height / 2 - title.top - title.height / 2) === 0 ? 0 : Math.round(box.top)));
    const right = Math.max(...parts.map((box) => box.right));
    return {
      rows: rows.size,
      titleWidth: title.width,
      spills: right > header.getBoundingClientRect().right + 0.5,
      sideways: document.documentElement.scrollWidth - window.innerWidth,
    };
  })()`) as Promise<{ rows: number; titleWidth: number; spills: boolean; sideways: number }>;

const isFocused = (page: Page, role: 'button' | 'menuitem', name: string) =>
  page.getByRole(role, { name, exact: true }).evaluate((element) => element === element.ownerDocument.activeElement);

describe('the conversation header', { timeout: 60_000 }, () => {
  it('stays one row at 1200, 560 and 400 px with the title keeping its room; Pin, Archive and Export are its named buttons, by keyboard too', async () => {
    const { open, provider, errors } = await startProviderChat(harness);
    provider.script(reply.text('Graham’s, for the view over the river.'));
    const page = await open();
    await sendMessage(page, 'Which port cellar in Gaia should we visit on our first weekend in Porto?');
    await expect.poll(() => lastReplyText(page)).toBe('Graham’s, for the view over the river.');
    await page.getByRole('heading', { name: 'A title' }).waitFor();
    await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'fixture-small' });
    await page.locator('.usage-total').waitFor();

    for (const [width, minTitle] of [
      [1200, 150],
      [560, 100],
      [400, 80],
    ] as const) {
      await page.setViewportSize({ width, height: 800 });
      // Polled whole: the page settles over frames after a resize (a narrow window folds the sidebar
      // away), and one reading of the title's width could come from a frame before that.
      await expect
        .poll(async () => {
          const { titleWidth, ...layout } = await headerLayout(page);
          return { ...layout, titleHasRoom: titleWidth >= minTitle, titleWidth };
        })
        .toMatchObject({ rows: 1, spills: false, sideways: 0, titleHasRoom: true });
    }
    await page.setViewportSize({ width: 1200, height: 800 });

    // Keyboard: ArrowDown on Export opens its formats on the first, Escape closes them and focus
    // returns to Export.
    await page.getByRole('button', { name: 'Export', exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('menu', { name: 'Export' }).waitFor();
    await expect.poll(() => isFocused(page, 'menuitem', 'Markdown Every branch, readable (.md)')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('menu').count()).toBe(0);
    expect(await isFocused(page, 'button', 'Export')).toBe(true);

    // Pin by keyboard: the header marks it pinned, and the button is pressed.
    const pin = page.getByRole('button', { name: 'Pin', exact: true });
    await pin.focus();
    await page.keyboard.press('Enter');
    await page.locator('.chat-header').getByRole('img', { name: 'Pinned' }).waitFor();
    expect(await pin.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByRole('button', { name: 'Restore', exact: true }).waitFor();
    for (const width of [1200, 400]) {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(() => headerLayout(page)).toMatchObject({ rows: 1, spills: false, sideways: 0 });
    }
    expect(errors).toEqual([]);
  });
});
