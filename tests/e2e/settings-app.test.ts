import { describe, expect, it } from 'vitest';
import { startTestHost } from '../helpers/host';
import { collectPageErrors, useBrowserHarness } from './browserHarness';

const harness = useBrowserHarness();

describe('settings: the app section', () => {
  it('offers only what the browser host supports and keeps a changed preference through the shell', async () => {
    const running = await startTestHost(harness.tempDir());
    harness.afterTest(() => running.close());
    const page = await harness.browser.newPage();
    const errors: string[] = [];
    collectPageErrors(page, errors);
    page.setDefaultTimeout(10_000);
    await page.goto(`${running.host.url}#/settings`);

    const section = page.getByRole('region', { name: 'App' });
    const notifications = section.getByRole('switch', { name: 'Notifications' });
    await notifications.waitFor();
    expect(await notifications.isChecked()).toBe(true);
    // No tray and no login items in a browser: those switches are not offered, the note says why.
    expect(await section.getByRole('switch', { name: 'Run in background' }).count()).toBe(0);
    expect(await section.getByRole('switch', { name: 'Launch at login' }).count()).toBe(0);
    await section.getByText('belong to the desktop app', { exact: false }).waitFor();

    await notifications.uncheck({ force: true });
    await expect.poll(() => notifications.isChecked()).toBe(false);
    // Saved through shell.update: a fresh page reads it back from the host.
    await page.reload();
    await expect.poll(() => page.getByRole('switch', { name: 'Notifications' }).isChecked()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
