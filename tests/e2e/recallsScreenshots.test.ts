import { describe, expect, it } from 'vitest';
import { AgentError } from '../../src/core/agent/types';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText } from './chatDriver';
import { screenshotsEnabled, shoot } from './docScreenshots';
import { conversationHash, recallRow, recallsRegion, startRecallFixture } from './recallsDriver';

/**
 * Writes the recalls panel and Scheduled view screenshots in docs/screenshots (light and dark).
 * Runs only when asked: `NAVI_SCREENSHOTS=1 npx vitest run tests/e2e/recallsScreenshots.test.ts`.
 */
const harness = useBrowserHarness({ launch: screenshotsEnabled, fullChromium: true });

const HOUR = 3600_000;

describe.skipIf(!screenshotsEnabled)('screenshots of the recalls views', () => {
  it('recalls panel, create form, Scheduled view', async () => {
    const fixture = await startRecallFixture(harness);
    const { agent, running } = fixture;
    const scheduler = running.core.recalls;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

    const trip = fixture.conversation('Trip to Lisbon');
    const inbox = fixture.conversation('Weekly inbox summary');
    const deploy = fixture.conversation('Deploy watch');

    const page = await fixture.open(conversationHash(deploy));

    // A recall that already ran: its reply is in the conversation.
    const checked = scheduler.create({
      sessionId: deploy,
      schedule: { kind: 'once', at: Date.now() + HOUR },
      message: 'Check whether the nightly deploy finished and summarise the result.',
      createdBy: 'agent',
    });
    scheduler.runNow(checked.id);
    await expect.poll(() => agent.runs.length).toBe(1);
    agent.last.delta('The nightly deploy finished at 02:14 — all 38 checks passed, no rollbacks.');
    agent.last.complete();
    await expect.poll(() => lastReplyText(page)).toContain('no rollbacks');

    // One whose last run failed (it will try again).
    const errorRate = scheduler.create({
      sessionId: deploy,
      schedule: { kind: 'interval', everySeconds: 2 * 3600 },
      message: 'Look at the error rate on the dashboard and tell me if it is above 1%.',
      createdBy: 'agent',
    });
    scheduler.runNow(errorRate.id);
    await expect.poll(() => agent.runs.length).toBe(2);
    agent.last.fail(new AgentError('provider', 'The provider answered 503: service unavailable.'));

    scheduler.create({
      sessionId: deploy,
      schedule: { kind: 'cron', expression: '0 9 * * 1-5', timeZone: zone },
      message: 'Post the overnight build status in this conversation.',
      createdBy: 'user',
    });
    const paused = scheduler.create({
      sessionId: deploy,
      schedule: { kind: 'interval', everySeconds: 30 * 60 },
      message: 'Watch the canary until it reaches 100%.',
      createdBy: 'user',
    });
    scheduler.pause(paused.id);

    scheduler.create({
      sessionId: inbox,
      schedule: { kind: 'cron', expression: '0 17 * * 5', timeZone: 'Europe/Lisbon' },
      message: 'Summarise this week’s inbox: what needs an answer, what can wait.',
      createdBy: 'user',
    });
    scheduler.create({
      sessionId: trip,
      schedule: { kind: 'once', at: Date.now() + 26 * HOUR },
      message: 'Remind me to check in for the flight to Lisbon.',
      createdBy: 'agent',
    });

    const region = recallsRegion(page);
    await recallRow(region, 'Watch the canary').waitFor();
    await expect.poll(() => recallRow(region, 'error rate').locator('.recall-outcome').textContent()).toBe('Failed');
    await recallRow(region, 'error rate').locator('summary').click();
    await page.evaluate("document.querySelector('.message-scroller').scrollTop = 1e9");
    await shoot(page, 'recalls-panel');

    await region.getByRole('button', { name: 'Hide recalls' }).click();
    await region.getByRole('button', { name: 'New recall' }).click();
    const form = page.getByRole('form', { name: 'New recall' });
    await form.getByRole('textbox', { name: 'Say when' }).fill('every weekday at 8:30');
    await form.getByLabel('Instructions').fill('Plan my day from the calendar and the open issues.');
    await form.getByRole('list', { name: 'Next runs' }).waitFor();
    await form.getByRole('combobox', { name: 'Ends' }).selectOption('after');
    await form.getByRole('spinbutton', { name: 'Ends after this many runs' }).fill('20');
    await form.getByRole('combobox', { name: 'Notify me' }).selectOption('attention');
    await shoot(page, 'recalls-form');
    await form.getByRole('radio', { name: 'Cron' }).check();
    await form.getByRole('textbox', { name: 'Cron expression' }).fill('0 0 31 2 *');
    await form.getByText(/never has a day 31/).waitFor();
    await shoot(page, 'recalls-form-cron');
    // Narrow: the form and its preview wrap.
    await form.getByRole('textbox', { name: 'Cron expression' }).fill('30 8 * * 1');
    await form.getByRole('list', { name: 'Next runs' }).waitFor();
    await page.setViewportSize({ width: 560, height: 900 });
    await shoot(page, 'recalls-form-narrow');
    await page.setViewportSize({ width: 1200, height: 800 });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await region.getByRole('button', { name: 'Show recalls' }).click();

    await page.getByRole('link', { name: 'Scheduled' }).click();
    await page.getByRole('region', { name: 'Run history' }).getByRole('row').nth(2).waitFor();
    // Tall enough for the run history under the lists.
    await page.setViewportSize({ width: 1200, height: 1080 });
    await shoot(page, 'scheduled');
    expect(fixture.errors).toEqual([]);
  }, 60_000);
});
