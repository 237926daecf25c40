import { describe, expect, it } from 'vitest';
import { startTestHost } from '../helpers/host';
import { collectPageErrors, useBrowserHarness } from './browserHarness';

const harness = useBrowserHarness();

describe('loading the page in stages (src/renderer/src/main.tsx)', () => {
  it('says so, readably, when a stage of its code cannot be loaded, and works again after Reload', async () => {
    const running = await startTestHost(harness.tempDir());
    harness.afterTest(() => running.close());
    const context = await harness.browser.newContext();
    harness.afterTest(() => context.close());
    const page = await context.newPage();
    const errors: string[] = [];
    collectPageErrors(page, errors);
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
