import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import type { AppEvent } from '../../src/shared/contract';
import { reply, startOpenAiFixture } from '../fixtures';
import { startTestHost } from '../helpers/host';
import { ManualClock } from '../helpers/manualClock';
import { addScriptedServer, PING } from '../helpers/scriptedMcp';
import { Seen } from '../helpers/seen';
import { socketClient } from '../helpers/socketClient';
import { fixtureEnv } from '../integration/agent/harness';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, sendMessage } from './chatDriver';
import { screenshotsEnabled, shoot } from './docScreenshots';

/**
 * Writes the screenshots of tool approval into docs/screenshots (light and dark): the card waiting
 * for an answer (in a chat, and in a recall run with long arguments), the tool-run log, and the tool
 * permissions in Settings. Runs only when asked:
 * `NAVI_SCREENSHOTS=1 npx vitest run tests/e2e/approval-screenshots.test.ts`.
 */
const harness = useBrowserHarness({ launch: screenshotsEnabled, fullChromium: true });

async function scrollTo(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { name: heading }).evaluate((element) => {
    const scroller = element.closest('.settings-view');
    if (scroller) scroller.scrollTop += element.getBoundingClientRect().top - 20;
  });
}

describe.skipIf(!screenshotsEnabled)('screenshots of tool approval', () => {
  it('the approval card, the tool-run log, tool permissions', { timeout: 120_000 }, async () => {
    const fixture = await startOpenAiFixture();
    harness.afterTest(() => fixture.close());
    const running = await startTestHost(harness.tempDir(), { env: fixtureEnv(fixture) });
    harness.afterTest(() => running.close());
    const setup = socketClient(running.host.port, running.host.token);
    harness.afterTest(async () => setup.close());
    const appEvents = new Seen<AppEvent>();
    setup.api.events.onAppEvent(undefined, appEvents.push);
    await addScriptedServer(setup.api, appEvents);

    const page = await harness.browser.newPage({ viewport: { width: 1100, height: 720 } });
    await page.goto(running.host.url);
    fixture.script(
      reply.toolCalls([{ id: 'call_time', name: 'current_time', input: {} }], {
        text: 'Let me check the time first. ',
      }),
      reply.toolCalls([{ id: 'call_ping', name: PING, input: { message: 'are you there?' } }], {
        text: 'Now the server. ',
      }),
      reply.text('The server answered **pong** at 14:02.'),
    );
    await sendMessage(page, 'Is the build server up?');
    const card = page.getByRole('region', { name: 'Navi needs your OK to run ping (Scripted)' });
    await card.waitFor();
    await shoot(page, 'approval-card');
    await page.setViewportSize({ width: 560, height: 720 });
    await shoot(page, 'approval-card-narrow');
    await page.setViewportSize({ width: 1100, height: 720 });

    await card.getByRole('button', { name: 'Allow once' }).click();
    await page.getByText('pong', { exact: false }).last().waitFor();
    await lastReplyText(page);
    await page.locator('details.tool-card').last().locator('summary').click();
    await page.getByRole('button', { name: 'Tool run log' }).last().click();
    await page.getByRole('dialog', { name: 'Tool runs in this conversation' }).getByRole('listitem').first().waitFor();
    await shoot(page, 'tool-run-log');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Settings' }).click();
    await scrollTo(page, 'Tool permissions');
    await page.getByRole('combobox', { name: 'Permission for fail' }).waitFor();
    await page.getByRole('combobox', { name: 'Permission for fail' }).selectOption('never');
    await page.getByRole('combobox', { name: 'Permission for ping' }).selectOption('allow');
    await scrollTo(page, 'Tool permissions');
    await shoot(page, 'settings-tool-permissions');
  });

  it('the card of a recall run waiting for an OK, wide and narrow', { timeout: 120_000 }, async () => {
    const clock = new ManualClock(Date.now());
    const fixture = await startOpenAiFixture();
    harness.afterTest(() => fixture.close());
    const running = await startTestHost(harness.tempDir(), { env: fixtureEnv(fixture), core: { clock } });
    harness.afterTest(() => running.close());
    const setup = socketClient(running.host.port, running.host.token);
    harness.afterTest(async () => setup.close());
    const appEvents = new Seen<AppEvent>();
    setup.api.events.onAppEvent(undefined, appEvents.push);
    await addScriptedServer(setup.api, appEvents);
    const session = await setup.api.sessions.create({ title: 'Nightly build watch' });
    fixture.script(
      reply.toolCalls([
        {
          id: 'call_ping',
          name: PING,
          input: {
            message: 'Nightly check: is the build server up, and did last night’s release job finish?',
            target: 'https://build.example.internal/api/v2/jobs/release-nightly/status?include=artifacts,logs',
          },
        },
      ]),
    );
    await setup.api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() + 60_000 },
      message: 'Check the nightly build',
      unattendedPolicy: 'wait',
    });
    clock.advance(60_000);
    await appEvents.waitFor((event) => event.type === 'approval-needed');

    const page = await harness.browser.newPage({ viewport: { width: 1100, height: 720 } });
    await page.goto(`${running.host.url}#/c/${encodeURIComponent(session.id)}`);
    const card = page.getByRole('region', { name: 'Navi needs your OK to run ping (Scripted)' });
    await card.getByText('A recall is waiting for your answer.', { exact: false }).waitFor();
    await shoot(page, 'approval-card-recall');
    await page.setViewportSize({ width: 560, height: 720 });
    await card.scrollIntoViewIfNeeded();
    await shoot(page, 'approval-card-recall-narrow');
  });
});
