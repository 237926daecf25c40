import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, runStarted, sendMessage, startChatFixture, type ChatFixture } from './chatDriver';

/** src/renderer/src/markdown/useMountedCount.ts MAX_PIECES_PER_FRAME (not imported: that module is the page's). */
const MAX_PIECES_PER_FRAME = 16;

const harness = useBrowserHarness();

/** Every fifth message is several paragraphs long, so rows differ in height. */
const textOf = (n: number) =>
  n === 12
    ? 'Message number 12. Buy kumquats for the marmalade.'
    : n % 5 === 0
      ? `Message number ${n}.\n\n${Array.from({ length: 4 }, (_, p) => `Paragraph ${p + 1} of a longer reply, long enough to wrap across the column once or twice when it is laid out on a page of ordinary width.`).join('\n\n')}`
      : `Message number ${n}.`;

function seedConversation(running: ChatFixture['running'], count: number): string {
  const session = running.core.store.createSession('Long one');
  for (let n = 1; n <= count; n++) {
    running.core.store.appendMessage({
      sessionId: session.id,
      role: n % 2 ? 'user' : 'assistant',
      parts: [{ type: 'text', text: textOf(n) }],
      status: 'complete',
      origin: 'user',
    });
  }
  return session.id;
}

const row = (page: Page, n: number) =>
  page
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem')
    .filter({ hasText: `Message number ${n}.` });

const scroller = (page: Page) => page.locator('.message-scroller');

describe('the message list', () => {
  it('keeps only the rows in view in the page, opens at the newest and keeps the reader’s place as earlier pages load', async () => {
    const fixture = await startChatFixture(harness);
    const sessionId = seedConversation(fixture.running, 130);
    const page = await fixture.open(`#/c/${sessionId}`);
    const list = page.getByRole('list', { name: 'Messages' });
    await row(page, 130).waitFor();
    // Opened at the end, with a screenful of the 50 loaded messages in the page.
    await expect
      .poll(() => scroller(page).evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight))
      .toBeLessThan(5);
    const rowsInPage = await list.getByRole('listitem').count();
    expect(rowsInPage).toBeGreaterThan(5);
    expect(rowsInPage).toBeLessThan(40);
    // Positions among the loaded messages; the length is unknown while older pages remain.
    expect(await row(page, 130).getAttribute('aria-posinset')).toBe('50');
    expect(await row(page, 130).getAttribute('aria-setsize')).toBe('-1');

    // The reader scrolls to the oldest loaded message and asks for earlier ones: it stays where it was.
    await scroller(page).evaluate((element) => element.scrollTo(0, 0));
    await row(page, 81).waitFor();
    const before = (await row(page, 81).boundingBox())!.y;
    await page.getByRole('button', { name: 'Load earlier messages' }).click();
    await expect.poll(() => row(page, 81).getAttribute('aria-posinset')).toBe('51');
    await expect.poll(async () => Math.round((await row(page, 81).boundingBox())!.y - before)).toBe(0);
    expect(await row(page, 30).count()).toBe(0);

    // Again from the top of the earlier page; the last page leaves no button and a known length.
    await scroller(page).evaluate((element) => element.scrollTo(0, 0));
    const before31 = (await row(page, 31).boundingBox())!.y;
    await page.getByRole('button', { name: 'Load earlier messages' }).click();
    await expect.poll(() => row(page, 31).getAttribute('aria-setsize')).toBe('130');
    expect(await page.getByRole('button', { name: 'Load earlier messages' }).count()).toBe(0);
    await expect.poll(async () => Math.round((await row(page, 31).boundingBox())!.y - before31)).toBe(0);
    await scroller(page).evaluate((element) => element.scrollTo(0, 0));
    await row(page, 1).waitFor();
    expect(await row(page, 1).getAttribute('aria-posinset')).toBe('1');
    expect(await list.getByRole('listitem').count()).toBeLessThan(40);
    expect(fixture.errors).toEqual([]);
  }, 60_000);

  it('keeps a focused row in the page while it scrolls away, and the rows near the end stay few', async () => {
    const fixture = await startChatFixture(harness);
    const sessionId = seedConversation(fixture.running, 50);
    const page = await fixture.open(`#/c/${sessionId}`);
    await row(page, 50).waitFor();
    const edit = row(page, 49).getByRole('button', { name: 'Edit' });
    await edit.focus();
    await scroller(page).evaluate((element) => element.scrollTo(0, 0));
    await row(page, 1).waitFor();
    // Far out of view, the focused row is still there, and still focused.
    expect(await edit.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);

    // Back at the end, only the rows near it are in the page again.
    await scroller(page).evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await row(page, 50).waitFor();
    const firstInPage = Number(
      await page.getByRole('list', { name: 'Messages' }).getByRole('listitem').first().getAttribute('aria-posinset'),
    );
    expect(firstInPage).toBeGreaterThan(35);
    expect(fixture.errors).toEqual([]);
  }, 60_000);

  it('stays where the reader scrolled when something resizes before the scroll is heard', async () => {
    const fixture = await startChatFixture(harness);
    const sessionId = seedConversation(fixture.running, 50);
    const page = await fixture.open(`#/c/${sessionId}`);
    await row(page, 50).waitFor();
    const distanceFromEnd = () =>
      scroller(page).evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
    await expect.poll(distanceFromEnd).toBeLessThan(5);

    /**
     * Scrolls the list to its top and, in the same frame, before the scroll's event, resizes
     * `what`: the last row (measured again by the virtualiser, which corrects the scroll for it) or
     * the list itself (which the follow-the-end observer sees). Returns where the list is frames later.
     */
    const scrollUpAsItResizes = (what: 'last row' | 'list') =>
      scroller(page).evaluate(
        (element, resized) =>
          new Promise<number>((resolve) => {
            // The page's own types (this file compiles without the DOM's).
            type Box = { offsetHeight: number; style: Record<string, string> };
            type Frames = { requestAnimationFrame(callback: () => void): number };
            const frames = element.ownerDocument.defaultView as unknown as Frames;
            frames.requestAnimationFrame(() => {
              element.scrollTo(0, 0);
              const list = element.querySelector('ol.messages')!;
              const box = (resized === 'list'
                ? list
                : list.querySelector(':scope > li:last-of-type')!) as unknown as Box;
              if (resized === 'list') box.style.height = `${box.offsetHeight + 120}px`;
              else box.style.paddingBottom = '120px';
              let count = 0;
              const settle = () => (++count < 10 ? frames.requestAnimationFrame(settle) : resolve(element.scrollTop));
              frames.requestAnimationFrame(settle);
            });
          }),
        what,
      );
    expect(await scrollUpAsItResizes('last row')).toBeLessThan(5);
    await row(page, 1).waitFor();

    await scroller(page).evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect.poll(distanceFromEnd).toBeLessThan(5);
    await page.getByRole('button', { name: 'Jump to latest' }).waitFor({ state: 'detached' });
    expect(await scrollUpAsItResizes('list')).toBeLessThan(5);
    await row(page, 1).waitFor();
    expect(fixture.errors).toEqual([]);
  }, 60_000);

  it('walks up through every message by Shift+Tab, across rows not rendered yet, and back down by Tab', async () => {
    const fixture = await startChatFixture(harness);
    const sessionId = seedConversation(fixture.running, 50);
    const page = await fixture.open(`#/c/${sessionId}`);
    await row(page, 50).waitFor();
    const list = page.getByRole('list', { name: 'Messages' });
    // Every focus change, as the row it landed in (its position) or 'outside' the list.
    await page.evaluate(`(() => {
      window.__trail = [];
      document.addEventListener('focusin', (event) => {
        const row = event.target.closest('ol.messages > li[data-index]');
        window.__trail.push(row ? Number(row.getAttribute('aria-posinset')) : 'outside');
      });
    })()`);
    const trail = () => page.evaluate('window.__trail') as Promise<(number | 'outside')[]>;
    const rowsVisited = async () => (await trail()).filter((entry, i, all) => entry !== all[i - 1]);
    /** Presses `key` `times` times at key-repeat speed, then waits for focus to have moved. */
    const press = async (key: string, times = 1) => {
      const seen = (await trail()).length;
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
      // A function, not an expression string: the page's policy allows no eval.
      await page.waitForFunction(
        (count) => (globalThis as unknown as { __trail: unknown[] }).__trail.length > count,
        seen,
        { timeout: 20_000 },
      );
      return (await trail()).at(-1)!;
    };

    // The first row in the page, focused where it is (above the view, among the rows rendered
    // beyond it: nothing scrolls, so the row before it stays unrendered). Shift+Tab reaches that row.
    // (Once the list is at rest: rows beyond the view come after its first frame.)
    await expect
      .poll(() =>
        scroller(page).evaluate((element) => {
          const top = element.getBoundingClientRect().top;
          return [...element.querySelectorAll('ol.messages > li')].filter(
            (item) => item.getBoundingClientRect().bottom < top,
          ).length;
        }),
      )
      .toBeGreaterThanOrEqual(2);
    // In one step, so the list cannot change in between: the first row in the page, its first
    // control focused, and whether the row before it is rendered.
    const [firstInPage, rowAboveRendered] = await list.evaluate((element) => {
      const first = element.querySelector('li[data-index]')!;
      const index = Number(first.getAttribute('data-index'));
      first.querySelector('button')!.focus({ preventScroll: true });
      return [
        Number(first.getAttribute('aria-posinset')),
        element.querySelector(`li[data-index="${index - 1}"]`) !== null,
      ] as const;
    });
    expect(firstInPage).toBeGreaterThan(35);
    expect(rowAboveRendered).toBe(false);
    expect(await press('Shift+Tab')).toBe(firstInPage - 1);

    // From the newest message up to the oldest, a few presses at a time (faster than rows render):
    // every row in turn, focus never leaving the list.
    await scroller(page).evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.evaluate('window.__trail = []');
    await row(page, 50).getByRole('button').last().focus();
    let at = (await trail()).at(-1)!;
    for (let bursts = 0; typeof at === 'number' && at > 1 && bursts < 300; bursts++) {
      at = await press('Shift+Tab', at > 3 ? 3 : 1);
    }
    expect(await rowsVisited()).toEqual(Array.from({ length: 50 }, (_, i) => 50 - i));
    // On from the oldest message's first control, Shift+Tab leaves the list (it is no trap).
    for (let presses = 0; at === 1 && presses < 10; presses++) at = await press('Shift+Tab');
    expect(at).toBe('outside');

    // Back in at the top, and down by Tab well past the rows that were in the page there.
    await page.evaluate('window.__trail = []');
    await row(page, 1).getByRole('button').first().focus();
    at = 1;
    for (let bursts = 0; typeof at === 'number' && at < 30 && bursts < 300; bursts++) at = await press('Tab', 3);
    const down = await rowsVisited();
    expect(down.length).toBeGreaterThanOrEqual(30);
    expect(down).toEqual(Array.from({ length: down.length }, (_, i) => i + 1));
    expect(fixture.errors).toEqual([]);
  }, 120_000);

  it('mounts a burst of settled pieces over several frames, at most MAX_PIECES_PER_FRAME each, in order, the tail last', async () => {
    const fixture = await startChatFixture(harness);
    const page = await fixture.open();
    await sendMessage(page, 'Many short paragraphs please');
    await runStarted(fixture.agent, 1);
    fixture.agent.last.delta('Start.\n\n');
    await expect.poll(() => lastReplyText(page)).toBe('Start.');
    // Each frame, how many pieces the reply shows.
    await page.evaluate(`(() => {
      window.__pieces = [];
      const record = () => {
        const reply = [...document.querySelectorAll('article[aria-label="Navi"] .markdown')].pop();
        window.__pieces.push(reply ? reply.children.length : 0);
        if (!window.__stopRecording) requestAnimationFrame(record);
      };
      requestAnimationFrame(record);
    })()`);
    // 60 paragraphs in one delta: what a page that fell behind folds at once.
    fixture.agent.last.delta(Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}.\n\n`).join('') + 'The end');
    // Several frames: on a busy machine that is seconds.
    await expect.poll(() => lastReplyText(page), { timeout: 15_000 }).toContain('The end');
    // Stopped in a frame callback queued after the recorder's: the frame that shows the tail is recorded.
    const counts = (await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => { window.__stopRecording = true; resolve(window.__pieces); }))',
    )) as number[];
    const steps = counts.slice(1).map((count, i) => count - counts[i]!);
    // One settled piece (and the tail) before; 61 settled pieces and the tail after, never all in one
    // frame: what arrived goes in up to MAX_PIECES_PER_FRAME a frame, what waits as the budget allows.
    expect(counts.at(-1)).toBe(62);
    expect(Math.max(...steps)).toBeLessThanOrEqual(MAX_PIECES_PER_FRAME + 1);
    expect(steps.filter((step) => step > 0).length).toBeGreaterThanOrEqual(Math.ceil(61 / MAX_PIECES_PER_FRAME));
    // In order: every paragraph is there once.
    const text = await lastReplyText(page);
    expect(text.match(/Paragraph \d+\./g)).toEqual(Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}.`));
    fixture.agent.last.complete();
    expect(fixture.errors).toEqual([]);
  }, 60_000);
});

describe('a search result', () => {
  it('opens the conversation at the matching message, loading the pages before it, and highlights it', async () => {
    const fixture = await startChatFixture(harness);
    const sessionId = seedConversation(fixture.running, 130);
    // Far back in the conversation: more than two pages before its end.
    const target = fixture.running.core.store
      .activePath(sessionId)
      .find((message) => message.parts.some((part) => part.type === 'text' && part.text.includes('kumquat')))!;
    const page = await fixture.open();
    // Note every row that gets highlighted, however briefly.
    await page.evaluate(`(() => {
      window.__highlighted = [];
      new MutationObserver((records) => {
        for (const record of records) {
          for (const row of [record.target, ...record.addedNodes]) {
            if (row.classList?.contains('targeted')) window.__highlighted.push(row.getAttribute('data-message-id'));
          }
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'], childList: true });
    })()`);
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('kumquat');
    const results = page.getByRole('list', { name: 'Conversations' }).getByRole('link');
    await expect
      .poll(() => results.allInnerTexts(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('Long one')]);
    await search.press('ArrowDown');
    await page.keyboard.press('Enter');
    await row(page, 12).waitFor();
    // In view, inside the message list's visible part.
    const [rowBox, scrollerBox] = await Promise.all([row(page, 12).boundingBox(), scroller(page).boundingBox()]);
    expect(rowBox!.y).toBeGreaterThanOrEqual(scrollerBox!.y);
    expect(rowBox!.y + Math.min(rowBox!.height, 40)).toBeLessThanOrEqual(scrollerBox!.y + scrollerBox!.height);
    await expect.poll(() => page.evaluate('window.__highlighted')).toContain(target.id);
    // The pages before it were loaded; the address is the conversation's own again.
    expect(await row(page, 12).getAttribute('aria-posinset')).toBe('12');
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/c/${sessionId}$`));
    expect(await page.getByRole('button', { name: 'Jump to latest' }).count()).toBe(1);
    expect(fixture.errors).toEqual([]);
  }, 60_000);
});
