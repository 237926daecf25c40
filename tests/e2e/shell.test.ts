import { describe, expect, it } from 'vitest';
import { startTestHost } from '../helpers/host';
import { collectPageErrors, useBrowserHarness } from './browserHarness';

const harness = useBrowserHarness();

describe('renderer in Chromium through the browser host', () => {
  it('loads the page with the printed URL and shows the app info from the core', async () => {
    const dataDir = harness.tempDir();
    const running = await startTestHost(dataDir);
    harness.afterTest(() => running.close());
    const page = await harness.browser.newPage();
    const errors: string[] = [];
    collectPageErrors(page, errors);
    await page.goto(running.host.url);
    // The app info lives in the About dialog (sidebar → About).
    await page.getByRole('button', { name: 'About' }).click();
    const about = page.getByRole('region', { name: 'About Navi' });
    await expect.poll(() => about.textContent()).toContain(dataDir);
    expect(await about.textContent()).toContain('Browser host');
    expect(await about.textContent()).toContain('navi.db');
    // The token leaves the address bar once the page has it.
    expect(page.url()).not.toContain('token=');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows "disconnected / reconnecting" while the host is down and recovers when it is back', async () => {
    const dataDir = harness.tempDir();
    const token = 'restart-token-0123456789abcdefghijklmnop';
    const first = await startTestHost(dataDir, { token });
    const page = await harness.browser.newPage();
    await page.goto(first.host.url);
    await page.getByRole('button', { name: 'About' }).click();
    const about = page.getByRole('region', { name: 'About Navi' });
    await expect.poll(() => about.isVisible()).toBe(true);

    const port = first.host.port;
    await first.close();
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('Disconnected — reconnecting');

    const second = await startTestHost(dataDir, { port, token });
    harness.afterTest(() => second.close());
    await expect.poll(() => status.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => about.textContent()).toContain(dataDir);
    await page.close();
  });
});
