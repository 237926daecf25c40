import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, type DesktopPrefs } from '../../src/main/desktopPrefs';
import type { ThemeChoice } from '../../src/shared/contract';
import { createDesktopShellService } from '../../src/main/desktopShellService';
import type { KeyStoreKind } from '../../src/main/safeStorageSecrets';
import type { WakeStatus } from '../../src/main/wake/wakeScheduler';
import { startTestHost } from '../helpers/host';
import { collectPageErrors, useBrowserHarness } from './browserHarness';
import { screenshotsEnabled, shoot } from './docScreenshots';

const harness = useBrowserHarness();
const context = { signal: new AbortController().signal, peerId: 'page', isCongested: () => false };

/**
 * The page as the desktop app shows it: the real core over the host, with the `shell` service
 * answered by the desktop shell's own service (src/main), as its IPC would.
 */
async function openAsDesktop(
  keyStore: KeyStoreKind,
  wake: () => WakeStatus,
  themes: ThemeChoice[] = [],
): Promise<Page> {
  const running = await startTestHost(harness.tempDir());
  harness.afterTest(() => running.close());
  let prefs: DesktopPrefs = { ...DEFAULT_PREFS };
  const shell = createDesktopShellService({
    prefs: () => prefs,
    update: (change) => (prefs = { ...prefs, ...change }),
    applied: () => {},
    supportsLaunchAtLogin: true,
    keyStore: () => keyStore,
    wake: () => (prefs.wakeForRecalls ? wake() : { state: 'off' }),
    now: () => Date.parse('2026-11-24T12:00:00Z'),
    timeZone: () => 'Europe/Berlin',
    saveExport: () => Promise.resolve({ saved: false }),
    applyTheme: (theme) => themes.push(theme),
  });
  const page = await harness.browser.newPage({ viewport: { width: 900, height: 760 } });
  await page.routeWebSocket(/\/rpc/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage(async (raw) => {
      const message = JSON.parse(String(raw)) as {
        t: string;
        id: number;
        service?: string;
        name?: string;
        input?: never;
      };
      if (message.t !== 'call' || message.service !== 'shell') return server.send(raw);
      const method = shell[message.name as keyof typeof shell] as (input: unknown, call: typeof context) => unknown;
      const value = await method(message.input, context);
      socket.send(JSON.stringify({ t: 'result', id: message.id, value }));
    });
  });
  await page.goto(`${running.host.url}#/settings`);
  return page;
}

describe('settings: the app section in the desktop app', () => {
  it('warns that keys would only be obfuscated without a keyring and lets the person choose; shows the wake-up', async () => {
    const page = await openAsDesktop('obfuscated', () => ({
      state: 'scheduled',
      at: Date.parse('2026-11-24T16:59:00Z'),
      dueAt: Date.parse('2026-11-24T17:00:00Z'),
    }));
    const errors: string[] = [];
    collectPageErrors(page, errors);
    const section = page.getByRole('region', { name: 'App' });
    const keys = section.getByRole('switch', { name: 'Save API keys without a keyring' });
    await keys.waitFor();
    expect(await keys.isChecked()).toBe(false);
    await section.getByText('only be obfuscated on disk', { exact: false }).waitFor();

    const wake = section.getByRole('switch', { name: 'Start Navi for recalls' });
    expect(await wake.isChecked()).toBe(false);
    await wake.check({ force: true });
    await section
      .getByText('Navi will start in the tray today at 5:59 PM, before the recall due today at 6:00 PM.')
      .waitFor();
    await keys.check({ force: true });
    await expect.poll(() => keys.isChecked()).toBe(true);
    if (screenshotsEnabled) await shoot(page, 'settings-desktop-app');
    expect(errors).toEqual([]);
  });

  it('with a keyring there is nothing to choose; a system without a wake-up says why', async () => {
    const page = await openAsDesktop('keyring', () => ({
      state: 'unavailable',
      reason:
        'This session has no systemd user manager, so the system cannot start Navi for a recall while it is closed.',
    }));
    const section = page.getByRole('region', { name: 'App' });
    const wake = section.getByRole('switch', { name: 'Start Navi for recalls' });
    await wake.waitFor();
    expect(await section.getByRole('switch', { name: 'Save API keys without a keyring' }).count()).toBe(0);
    await wake.check({ force: true });
    await section.getByText('no systemd user manager', { exact: false }).waitFor();
  });

  it("gives the system's parts of the window the theme the page shows, on load and on every change", async () => {
    const themes: ThemeChoice[] = [];
    const page = await openAsDesktop('keyring', () => ({ state: 'off' }), themes);
    await expect.poll(() => themes).toEqual(['system']);
    const appearance = page.getByRole('region', { name: 'Appearance' });
    await appearance.getByRole('radio', { name: /^Dark/ }).check({ force: true });
    await expect.poll(() => themes).toEqual(['system', 'dark']);
    await appearance.getByRole('radio', { name: /^Light/ }).check({ force: true });
    await expect.poll(() => themes).toEqual(['system', 'dark', 'light']);
    // The next window (a reload) starts with the remembered choice.
    await page.reload();
    await expect.poll(() => themes).toEqual(['system', 'dark', 'light', 'light']);
  });
});
