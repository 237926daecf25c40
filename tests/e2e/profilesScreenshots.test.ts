import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { useBrowserHarness } from './browserHarness';
import { startProviderChat } from './chatDriver';
import { screenshotsEnabled, shoot } from './docScreenshots';

/**
 * Writes the screenshots of Settings' profiles (the list and the form, wide and narrow) into
 * docs/screenshots. Runs only when asked: `NAVI_SCREENSHOTS=1 npx vitest run tests/e2e/profilesScreenshots.test.ts`.
 */
const harness = useBrowserHarness({ launch: screenshotsEnabled, fullChromium: true });

async function scrollTo(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { name: heading, exact: true }).evaluate((element) => {
    const scroller = element.closest('.settings-view');
    if (scroller) scroller.scrollTop += element.getBoundingClientRect().top - 20;
  });
}

describe.skipIf(!screenshotsEnabled)('screenshots of profiles in Settings', () => {
  it('the profile list and the profile form, wide and narrow', { timeout: 60_000 }, async () => {
    const { open, running } = await startProviderChat(harness);
    const call = { signal: new AbortController().signal, peerId: 'screenshots', isCongested: () => false };
    await running.core.services.settings.saveProfile(
      {
        name: 'Terse',
        providerId: 'env-openai',
        model: 'fixture-small',
        systemPrompt: 'Answer in one or two sentences. No preamble.',
        enabledTools: ['current_time'],
        enabledMcpServers: [],
        recallMissedPolicy: 'skip',
      },
      call,
    );
    const page = await open();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name: 'Terse' }).waitFor();
    await scrollTo(page, 'Profiles');
    await shoot(page, 'settings-profiles');

    await page
      .getByRole('list', { name: 'Profiles' })
      .getByRole('listitem', { name: 'Terse' })
      .getByRole('button', { name: 'Edit' })
      .click();
    await page.getByRole('form', { name: 'Edit Terse' }).getByRole('textbox', { name: 'Name' }).fill('Terse and quick');
    await scrollTo(page, 'Edit Terse');
    await shoot(page, 'settings-profile-form');
    await page.setViewportSize({ width: 400, height: 800 });
    await scrollTo(page, 'Edit Terse');
    await shoot(page, 'settings-profile-form-narrow');
  });
});
