import { describe, expect, it } from 'vitest';
import { SESSION_PAGE_SIZE } from '../../src/shared/contract/limits';
import { startTestHost } from '../helpers/host';
import { ManualClock } from '../helpers/manualClock';
import { collectPageErrors, useBrowserHarness } from './browserHarness';
import { sessionIdOf } from './chatDriver';

const harness = useBrowserHarness();

/** More than two pages of the core's list. */
const CONVERSATIONS = SESSION_PAGE_SIZE * 2 + 50;
const title = (n: number) => `Chat ${String(n).padStart(3, '0')}`;

describe('the sidebar with many conversations', () => {
  it('pages the list as it scrolls, keeps few rows in the page, moves with arrow keys and searches what is not loaded', async () => {
    // A clock the test moves: every conversation has its own moment, so the order is known.
    const clock = new ManualClock();
    const running = await startTestHost(harness.tempDir(), { core: { clock } });
    harness.afterTest(() => running.close());
    const errors: string[] = [];
    const open = async () => {
      const page = await harness.browser.newPage({ viewport: { width: 1200, height: 800 } });
      page.setDefaultTimeout(10_000);
      collectPageErrors(page, errors);
      await page.goto(running.host.url);
      return page;
    };
    const { store } = running.core;
    const ids: string[] = [];
    for (let n = 1; n <= CONVERSATIONS; n++) {
      clock.advance(1_000);
      ids.push(store.createSession(title(n)).id);
    }
    clock.advance(1_000);
    store.appendMessage({
      sessionId: ids[1]!,
      role: 'user',
      parts: [{ type: 'text', text: 'Buy kumquats for the marmalade' }],
      status: 'complete',
      origin: 'user',
    });
    // The newest activity is now in "Chat 002"; the others are newest created first.
    const page = await open();
    const list = page.getByRole('list', { name: 'Conversations' });
    const links = list.getByRole('link');
    await expect.poll(() => links.first().innerText()).toBe(title(2));
    // Virtualised: only the rows in view (and a few more) are in the page.
    const rowsInPage = await list.getByRole('listitem').count();
    expect(rowsInPage).toBeGreaterThan(5);
    expect(rowsInPage).toBeLessThan(60);
    // Not every page is loaded yet, so the list's length is not known.
    expect(await list.getByRole('listitem').first().getAttribute('aria-setsize')).toBe('-1');

    // Arrow keys move along the rows, Enter opens one.
    await links.first().focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const focusedTitle = () => page.evaluate("document.activeElement?.textContent ?? ''") as Promise<string>;
    expect(await focusedTitle()).toBe(title(CONVERSATIONS - 1));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title(CONVERSATIONS - 1) }).waitFor();
    expect(sessionIdOf(page)).toBe(ids[CONVERSATIONS - 2]);

    // Scrolling to the end loads the older pages until the oldest conversation is there.
    const scroller = page.locator('.conversation-scroller');
    await expect
      .poll(async () => {
        await scroller.evaluate((element) => {
          element.scrollTop = element.scrollHeight;
        });
        return list.getByRole('link', { name: title(1), exact: true }).count();
      })
      .toBe(1);
    expect(await list.getByRole('listitem').last().getAttribute('aria-setsize')).toBe(String(CONVERSATIONS));
    expect(await list.getByRole('listitem').count()).toBeLessThan(60);
    // End and Home jump to the ends of the list.
    await list.getByRole('link', { name: title(1), exact: true }).focus();
    await page.keyboard.press('Home');
    await expect.poll(focusedTitle).toBe(title(2));

    // A fresh window has only the first page; search still finds an older conversation by its text.
    const fresh = await open();
    const freshList = fresh.getByRole('list', { name: 'Conversations' });
    await freshList.getByRole('link').first().waitFor();
    const search = fresh.getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('Chat 010');
    // The search worker starts with the first search: give it the time a busy machine takes.
    await expect.poll(() => freshList.getByRole('link').allInnerTexts(), { timeout: 10_000 }).toEqual([title(10)]);
    await search.fill('kumquat');
    await expect
      .poll(() => freshList.getByRole('listitem').allInnerTexts(), { timeout: 10_000 })
      .toEqual([expect.stringMatching(/Chat 002\s+Buy kumquats for the marmalade/)]);
    await search.press('ArrowDown');
    await fresh.keyboard.press('Enter');
    await fresh.getByRole('heading', { name: title(2) }).waitFor();
    expect(errors).toEqual([]);
  }, 90_000);

  it('brings the open conversation into view, and leaves the list where it is when that row is on screen', async () => {
    const clock = new ManualClock();
    const running = await startTestHost(harness.tempDir(), { core: { clock } });
    harness.afterTest(() => running.close());
    const ids: string[] = [];
    for (let n = 1; n <= 80; n++) {
      clock.advance(1_000);
      ids.push(running.core.store.createSession(title(n)).id);
    }
    const page = await harness.browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.setDefaultTimeout(10_000);
    // The oldest conversation, the list's last row, opened by its address: the list scrolls to it.
    await page.goto(`${running.host.url}#/c/${ids[0]!}`);
    const list = page.getByRole('list', { name: 'Conversations' });
    const scroller = page.locator('.conversation-scroller');
    const inView = (name: string) =>
      list.getByRole('link', { name, exact: true }).evaluate((link) => {
        const row = link.getBoundingClientRect();
        const box = link.closest('.conversation-scroller')!.getBoundingClientRect();
        return row.top >= box.top && row.bottom <= box.bottom;
      });
    await expect.poll(() => inView(title(1))).toBe(true);
    const scrolled = await scroller.evaluate((element) => element.scrollTop);
    expect(scrolled).toBeGreaterThan(0);
    // A click on a row on screen opens it where it is.
    await list.getByRole('link', { name: title(3), exact: true }).click();
    await page.getByRole('heading', { name: title(3) }).waitFor();
    await expect
      .poll(() => list.getByRole('link', { name: title(3), exact: true }).getAttribute('aria-current'))
      .toBe('page');
    expect(await scroller.evaluate((element) => element.scrollTop)).toBe(scrolled);
  }, 60_000);
});
