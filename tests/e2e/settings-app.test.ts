import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/host';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
let browser: Browser;
const hosts: TestHost[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

describe('settings: the app section', () => {
  it('offers only what the browser host supports and keeps a changed preference through the shell', async () => {
    const running = await startTestHost(tempDir());
    hosts.push(running);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
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
