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
  /**
   * A page in its own context (options: the page's time zone, colour scheme …), opened at `hash`;
   * with `clockAt`, the page's clock is Playwright's fake one, flowing from that time.
   */
  open(hash?: string, options?: Parameters<Browser['newContext']>[0], clockAt?: number): Promise<Page>;
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
    open: async (hash = '', options = {}, clockAt) => {
      const context = await h.browser.newContext({ viewport: { width: 1200, height: 800 }, ...options });
      h.afterTest(() => context.close());
      const page = await context.newPage();
      if (clockAt !== undefined) await page.clock.install({ time: clockAt });
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

/** Local time of day in `zone` at `at`, in ms (zones without daylight saving: a day is 24 h). */
function timeOfDay(zone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  return ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + (at % 1000);
}

describe('relative times', () => {
  it('stay current in the Recalls list and bar, the sidebar and the Scheduled view, on the page clock', async () => {
    const { running, open, conversation, errors } = await start(harness);
    const now = Date.now();
    // A zone where today has at least two hours left, so the conversation made now is from "today".
    const zone = ['UTC', 'Asia/Tokyo'].find((candidate) => timeOfDay(candidate, now) < 22 * 3_600_000)!;
    const midnight = now - timeOfDay(zone, now) + 24 * 3_600_000;
    const sessionId = conversation('Deploy watch');
    running.core.recalls.create({
      sessionId,
      schedule: { kind: 'once', at: midnight + 15_000 },
      message: 'Check the deploy',
      createdBy: 'user',
    });

    const page = await open(conversationHash(sessionId), { timezoneId: zone, locale: 'en-GB' }, midnight - 150_000);
    const row = recallRow(recallsRegion(page), 'Check the deploy');
    await row.waitFor();
    const bar = recallsRegion(page).locator('.recalls-summary');
    // Group headings are hidden from assistive tech (the rows keep their positions): read them as shown.
    const sidebar = page.getByRole('list', { name: 'Conversations' });
    // From here the page's time moves only when the test says: 23:58:30.
    await page.clock.pauseAt(midnight - 90_000);
    await expect.poll(() => row.innerText()).toMatch(/Next tomorrow 0?0:00 \(in 2 minutes\)/);
    expect(await bar.innerText()).toContain('(in 2 minutes)');
    expect(await sidebar.locator('h3').allInnerTexts()).toEqual(['Today']);

    // 23:59:31: 44 seconds to go, then each second counts.
    await page.clock.runFor(61_000);
    await expect.poll(() => row.innerText()).toContain('(in 44 seconds)');
    await expect.poll(() => bar.innerText()).toContain('(in 44 seconds)');
    await page.clock.runFor(1_000);
    await expect.poll(() => row.innerText()).toContain('(in 43 seconds)');
    await expect.poll(() => bar.innerText()).toContain('(in 43 seconds)');

    // Past midnight: "tomorrow" is today, and the conversation is from yesterday.
    await page.clock.runFor(30_000);
    await expect.poll(() => row.innerText()).toMatch(/Next today 0?0:00 \(in 13 seconds\)/);
    await expect.poll(() => sidebar.locator('h3').allInnerTexts()).toEqual(['Yesterday']);

    await page.getByRole('link', { name: 'Scheduled' }).click();
    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    const scheduled = recallRow(upcoming, 'Check the deploy');
    await expect.poll(() => scheduled.innerText()).toContain('(in 13 seconds)');
    expect(await upcoming.getByRole('heading', { name: 'Today' }).count()).toBe(1);
    await page.clock.runFor(3_000);
    await expect.poll(() => scheduled.innerText()).toContain('(in 10 seconds)');
    expect(errors).toEqual([]);
  }, 30_000);
});

/** The page's background colour as drawn. (Strings: the tests compile without the DOM's types.) */
const background = (page: Page) =>
  page.evaluate('getComputedStyle(document.documentElement).backgroundColor') as Promise<string>;

/** Runs before the page's own scripts: notes the theme on <html> when the body starts, before any paint. */
const NOTE_THEME_AT_BODY = `(() => {
  const seen = new MutationObserver(() => {
    if (!document.body) return;
    window.themeAtBody = document.documentElement.getAttribute('data-theme');
    seen.disconnect();
  });
  seen.observe(document, { childList: true, subtree: true });
})();`;
const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(23, 24, 27)';

describe('theme', () => {
  it('Light, Dark or System in Settings: remembered, applied before the first paint, System follows the OS live', async () => {
    const { open, errors } = await start(harness);
    const page = await open('#/settings', { colorScheme: 'light' });
    const theme = page.getByRole('group', { name: 'Theme' });
    await theme.waitFor();
    expect(await theme.getByRole('radio', { name: /^System/ }).isChecked()).toBe(true);
    expect(await background(page)).toBe(LIGHT_BG);
    // System: the OS turns dark, so does Navi, without a reload.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => background(page)).toBe(DARK_BG);

    await theme.getByText('Light', { exact: true }).click();
    await expect.poll(() => background(page)).toBe(LIGHT_BG);
    await theme.getByText('Dark', { exact: true }).click();
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => background(page)).toBe(DARK_BG);

    // Another window of the same browser follows the choice.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.getByRole('group', { name: 'Theme' }).waitFor();
    expect(await background(other)).toBe(DARK_BG);

    // Remembered, and on <html> before the body is parsed (so before anything is painted).
    await page.addInitScript({ content: NOTE_THEME_AT_BODY });
    await page.reload();
    await theme.waitFor();
    expect(await page.evaluate('window.themeAtBody')).toBe('dark');
    expect(await theme.getByRole('radio', { name: /^Dark/ }).isChecked()).toBe(true);
    expect(await background(page)).toBe(DARK_BG);

    await theme.getByText('System', { exact: true }).click();
    await expect.poll(() => background(page)).toBe(LIGHT_BG);
    await expect.poll(() => background(other)).toBe(LIGHT_BG);
    expect(
      await other
        .getByRole('group', { name: 'Theme' })
        .getByRole('radio', { name: /^System/ })
        .isChecked(),
    ).toBe(true);
    expect(errors).toEqual([]);
  }, 30_000);
});

describe('sidebar rows', () => {
  it('a title uses the whole row; Rename and Delete take room only on hover or focus', async () => {
    const { open, conversation, errors } = await start(harness);
    const title = 'Quarterly planning for the infrastructure migration and the new office';
    conversation(title);
    const page = await open('');
    const row = page.getByRole('navigation', { name: 'Sidebar' }).getByRole('listitem').filter({ hasText: title });
    await row.waitFor();
    const rename = row.getByRole('button', { name: 'Rename conversation' });
    const edges = async () => {
      const [rowBox, titleBox, renameBox] = await Promise.all([
        row.boundingBox(),
        row.locator('.conversation-title').boundingBox(),
        rename.boundingBox(),
      ]);
      const opacity = await rename.evaluate((button) => {
        const view = globalThis as unknown as { getComputedStyle(element: unknown): { opacity: string } };
        return view.getComputedStyle(button.parentElement).opacity;
      });
      return {
        titleRight: titleBox!.x + titleBox!.width,
        rowRight: rowBox!.x + rowBox!.width,
        renameLeft: renameBox!.x,
        shown: opacity === '1',
      };
    };
    // At rest: the title runs to the row's end (its padding only), under no hidden buttons.
    await page.mouse.move(600, 600);
    const rest = await edges();
    expect(rest.shown).toBe(false);
    expect(rest.rowRight - rest.titleRight).toBeLessThan(12);
    // Hovered: the buttons show and the title ends before them.
    await row.hover();
    await expect.poll(async () => (await edges()).shown).toBe(true);
    const hovered = await edges();
    expect(hovered.titleRight).toBeLessThanOrEqual(hovered.renameLeft);
    // Reached by keyboard: the same.
    await page.mouse.move(600, 600);
    await row.getByRole('link').focus();
    await page.keyboard.press('Tab');
    expect(await rename.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);
    const focused = await edges();
    expect(focused.shown).toBe(true);
    expect(focused.titleRight).toBeLessThanOrEqual(focused.renameLeft);
    expect(errors).toEqual([]);
  }, 30_000);
});

describe('keyboard shortcuts sheet', () => {
  it('opens with ? (outside text fields), Ctrl+/ and from Settings; traps focus, closes with Esc, gives focus back', async () => {
    const { open, errors } = await start(harness);
    const page = await open('');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const message = page.getByRole('textbox', { name: 'Message' });
    await message.waitFor();
    const isFocused = (locator: ReturnType<Page['getByRole']>) =>
      locator.evaluate((element) => element === element.ownerDocument.activeElement);
    const focusInSheet = () =>
      page.evaluate('Boolean(document.activeElement && document.activeElement.closest("dialog"))') as Promise<boolean>;

    // "?" in the message box is a question mark.
    await message.focus();
    await page.keyboard.press('?');
    expect(await message.inputValue()).toBe('?');
    expect(await sheet.count()).toBe(0);

    // Ctrl+/ opens it from anywhere; it lists the app's shortcuts as this machine writes them.
    await page.keyboard.press('Control+/');
    await sheet.waitFor();
    const text = await sheet.innerText();
    for (const line of ['Ctrl+K', 'Search conversations', 'Ctrl+B', 'Shift+Enter', 'New line', 'Esc', 'Ctrl+/']) {
      expect(text).toContain(line);
    }
    expect(await focusInSheet()).toBe(true);
    for (let step = 0; step < 3; step++) {
      await page.keyboard.press('Tab');
      expect(await focusInSheet()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
    expect(await isFocused(message)).toBe(true);

    // "?" outside a text field.
    const settings = page.getByRole('link', { name: 'Settings' });
    await settings.focus();
    await page.keyboard.press('?');
    await sheet.waitFor();
    await sheet.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => sheet.count()).toBe(0);
    expect(await isFocused(settings)).toBe(true);

    // From Settings.
    await settings.click();
    const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
    await button.click();
    await sheet.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
    expect(await isFocused(button)).toBe(true);
    expect(errors).toEqual([]);
  }, 30_000);

  it('writes ⌘ on a Mac', async () => {
    const { running, errors } = await start(harness);
    const context = await harness.browser.newContext({ viewport: { width: 1200, height: 800 } });
    harness.afterTest(() => context.close());
    await context.addInitScript({
      content: "Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel' });",
    });
    const page = await context.newPage();
    await page.goto(running.host.url);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.keyboard.press('Meta+/');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    const text = await sheet.innerText();
    expect(text).toContain('⌘K');
    expect(text).not.toContain('Ctrl');
    expect(errors).toEqual([]);
  }, 30_000);
});
