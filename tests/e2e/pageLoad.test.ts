import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startTestHost } from '../helpers/host';
import { collectPageErrors, useBrowserHarness } from './browserHarness';
import { startChatFixture } from './chatDriver';

const harness = useBrowserHarness();

/** A host of its own and a page in a context of its own (for routes), its errors collected. */
async function openHostPage() {
  const running = await startTestHost(harness.tempDir());
  harness.afterTest(() => running.close());
  const context = await harness.browser.newContext();
  harness.afterTest(() => context.close());
  const page = await context.newPage();
  const errors: string[] = [];
  collectPageErrors(page, errors);
  return { running, context, page, errors };
}

describe('loading the page in stages (src/renderer/src/main.tsx)', () => {
  it('says so, readably, when a stage of its code cannot be loaded, and works again after Reload', async () => {
    const { running, context, page, errors } = await openHostPage();
    // The views' chunk fails as a dropped connection or a half-updated install would fail it.
    const viewsChunk = /\/assets\/App-[^/]*\.js$/;
    await context.route(viewsChunk, (route) => route.abort('connectionreset'));

    await page.goto(running.host.url);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Navi could not load its window.');
    expect(errors.some((error) => error.includes('Navi could not load'))).toBe(true);

    await context.unroute(viewsChunk);
    await alert.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
  });
});

describe('what the page asks for as it starts (index.html as built)', () => {
  it("connects and asks for the views' code while the theme's script and the stylesheet are still coming", async () => {
    const { running, context, page, errors } = await openHostPage();
    // Both held until the page has connected and asked for the views' chunk.
    const held: Route[] = [];
    await context.route(/\/theme\.js$|\/assets\/[^/]*\.css$/, (route) => {
      held.push(route);
    });
    const viewsAsked = page.waitForRequest(/\/assets\/App-[^/]*\.js$/);
    const connected = page.waitForEvent('websocket');
    await page.goto(running.host.url, { waitUntil: 'commit' });
    await Promise.all([viewsAsked, connected]);
    expect(held.map((route) => new URL(route.request().url()).pathname.split('/').pop()).sort()).toEqual([
      expect.stringMatching(/^App-.*\.css$/),
      'theme.js',
    ]);

    for (const route of held) await route.continue();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('opening a conversation as the page loads', () => {
  it("renders the rows that fill the window in the page's first render, not after measuring", async () => {
    const { running, errors } = await startChatFixture(harness);
    const session = running.core.store.createSession('Opened at load');
    for (let i = 1; i <= 20; i++) {
      running.core.store.appendMessage({
        sessionId: session.id,
        role: i % 2 === 1 ? 'user' : 'assistant',
        parts: [{ type: 'text', text: `Message ${i}. ${'Some words to fill a line or two. '.repeat(4)}` }],
        status: 'complete',
        origin: 'user',
      });
    }
    const page = await harness.browser.newPage({ viewport: { width: 1200, height: 800 } });
    collectPageErrors(page, errors);
    // React DOM reports each commit to a DevTools hook: the message rows in the page after each
    // commit that has the list (-1 before the list is there).
    await page.addInitScript(`(() => {
      const rows = [];
      window.__rowsPerCommit = rows;
      window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
        supportsFiber: true, isDisabled: false, renderers: new Map(), inject: () => 1, checkDCE: () => {},
        onCommitFiberUnmount: () => {}, onPostCommitFiberRoot: () => {},
        onCommitFiberRoot: () => {
          const list = document.querySelector('ol.messages');
          rows.push(list ? list.querySelectorAll(':scope > li.message-row').length : -1);
        },
      };
    })()`);
    await page.goto(`${running.host.url}#/c/${session.id}`);
    await page.getByRole('list', { name: 'Messages' }).getByText('Message 20.').waitFor();
    const rows = (await page.evaluate('window.__rowsPerCommit')) as number[];
    // The list's first commit already holds the last rows: the window's size stands in for its
    // scroller's until it is measured (from nothing, it held none and the rows came in renders
    // after measuring, synchronously, in the task that committed the page).
    const first = rows.find((count) => count >= 0);
    expect(first).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
  });
});
