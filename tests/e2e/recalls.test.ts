import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COALESCING } from '../../src/core/sessions/coalescingSubscriber';
import { ManualClock } from '../helpers/manualClock';
import { socketClient } from '../helpers/socketClient';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, runStarted } from './chatDriver';
import {
  clickLastNotification,
  conversationHash,
  notificationsIn,
  recallRow,
  recallsRegion,
  startRecallFixture,
  type RecallFixture,
  type RecallFixtureOptions,
} from './recallsDriver';

// Notifications and their prompt need the full Chromium (see useBrowserHarness).
const harness = useBrowserHarness({ fullChromium: true });

const fixture = (options: RecallFixtureOptions = {}): Promise<RecallFixture> => startRecallFixture(harness, options);

/** Opens the create form in a conversation's Recalls panel. */
async function openCreateForm(page: Page) {
  await recallsRegion(page).getByRole('button', { name: 'New recall' }).click();
  const form = page.getByRole('form', { name: 'New recall' });
  await form.waitFor();
  return form;
}

function statusOf(page: Page, text: string) {
  return recallRow(recallsRegion(page), text).locator('.recall-status').textContent();
}

describe('recalls in Chromium through the browser host', { timeout: 60_000 }, () => {
  it('a recall created in the UI fires in both pages on the conversation, with one notification', async () => {
    // The core's time moves only when the test says; the pages' clocks are real.
    const clock = new ManualClock(Date.now());
    const { agent, conversation, open, errors } = await fixture({ clock });
    // The stream reaches pages in batches timed by the core's clock: move it a batch at a time.
    const nextBatch = () => clock.advance(DEFAULT_COALESCING.intervalMs);
    const sessionId = conversation('Deploy watch');
    const [first, second] = await Promise.all([open(conversationHash(sessionId)), open(conversationHash(sessionId))]);
    // Tabs of one window: only the one in front draws every frame (Chromium draws a background tab
    // about once a second), so the test brings a tab to the front before using it, as a person does.
    await first.bringToFront();

    const form = await openCreateForm(first);
    // Said in words; the core reads it back before saving.
    await form.getByRole('textbox', { name: 'Say when' }).fill('in 10 minutes');
    await form.getByText(/^Once, at /).waitFor();
    expect(await form.getByRole('list', { name: 'Next runs' }).getByRole('listitem').count()).toBe(1);
    await form.getByLabel('Instructions').fill('Check whether the deploy finished');
    await form.getByLabel('Instructions').press('Enter');
    await form.waitFor({ state: 'detached' });

    for (const page of [first, second]) {
      const row = recallRow(recallsRegion(page), 'Check whether the deploy finished');
      await row.waitFor();
      expect(await row.innerText()).toMatch(/Once, at \d/);
      expect(await row.innerText()).toContain('Set by you');
      await expect.poll(() => statusOf(page, 'Check whether the deploy finished')).toBe('Scheduled');
    }

    // Due: the scheduler's one timer wakes for it.
    clock.advance(10 * 60_000);
    await expect.poll(() => agent.runs.length).toBe(1);
    expect(agent.last.request.origin).toBe('recall');
    for (const page of [first, second]) {
      await expect.poll(() => statusOf(page, 'Check whether the deploy finished')).toBe('Running');
    }
    agent.last.delta('The deploy finished at 14:02. ');
    for (const page of [first, second]) {
      await expect
        .poll(() => {
          nextBatch();
          return lastReplyText(page);
        })
        .toBe('The deploy finished at 14:02.');
    }
    agent.last.delta('All checks passed.');
    agent.last.complete();
    for (const page of [first, second]) {
      await expect
        .poll(() => {
          nextBatch();
          return lastReplyText(page);
        })
        .toBe('The deploy finished at 14:02. All checks passed.');
      await page.getByRole('article', { name: 'Navi' }).getByText('Reply to a recall').waitFor();
      await expect.poll(() => statusOf(page, 'Check whether the deploy finished')).toBe('Done');
      const row = recallRow(recallsRegion(page), 'Check whether the deploy finished');
      expect(await row.locator('.recall-outcome').textContent()).toBe('Succeeded');
    }

    // Both tabs heard the event; the elected one showed a single notification.
    const seen = async () => [...(await notificationsIn(first)), ...(await notificationsIn(second))];
    await expect.poll(async () => (await seen()).length).toBe(1);
    const [notification] = await seen();
    expect(notification).toMatchObject({
      title: 'Recall · Deploy watch',
      body: 'The deploy finished at 14:02. All checks passed.',
    });

    // Clicking it opens the conversation in the tab that showed it.
    const shower = (await notificationsIn(first)).length === 1 ? first : second;
    await shower.bringToFront();
    await shower.getByRole('link', { name: 'Scheduled' }).click();
    await shower.getByRole('heading', { name: 'Scheduled' }).waitFor();
    await clickLastNotification(shower);
    await expect.poll(() => shower.url()).toContain(conversationHash(sessionId));
    await recallsRegion(shower).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows what is wrong in the create form inline, and creates nothing', async () => {
    const { running, conversation, open, errors } = await fixture();
    const sessionId = conversation('Bad input');
    const page = await open(conversationHash(sessionId));
    const form = await openCreateForm(page);
    const alert = form.getByRole('alert');

    // Nothing said: when first, then what.
    await form.getByRole('button', { name: 'Create recall' }).click();
    await expect.poll(() => alert.textContent()).toBe('Say when, such as “tomorrow at 9” or “every weekday at 8:30”.');
    expect(await form.getByRole('textbox', { name: 'Say when' }).getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('textbox', { name: 'Say when' }).fill('in 10 minutes');
    await form.getByRole('button', { name: 'Create recall' }).click();
    await expect.poll(() => alert.textContent()).toContain('Say what Navi should do');
    expect(await form.getByLabel('Instructions').getAttribute('aria-invalid')).toBe('true');

    // A cron expression the scheduler refuses: its own words, shown under the form.
    await form.getByRole('radio', { name: 'Cron' }).check();
    const cron = form.getByRole('textbox', { name: 'Cron expression' });
    await cron.fill('61 25 * * *');
    const refusal = "Not a valid expression: '61' is not a valid minute (0-59); '25' is not a valid hour (0-23).";
    await form.getByText(refusal).waitFor();
    await form.getByLabel('Instructions').fill('Summarise the inbox');
    await form.getByRole('button', { name: 'Create recall' }).click();
    await expect.poll(() => alert.textContent()).toBe(refusal);
    expect(await cron.getAttribute('aria-invalid')).toBe('true');

    // One that can never fire says why before saving.
    await cron.fill('0 0 31 2 *');
    await form.getByText('Not a valid expression: it can never run, because February never has a day 31.').waitFor();

    // A good one previews in words (the core's reading), with the next five runs.
    await cron.fill('0 9 * * 1-5');
    await form.getByText(/^At 09:00 AM, Monday through Friday \(\w+.*\)$/).waitFor();
    expect(await form.getByRole('list', { name: 'Next runs' }).getByRole('listitem').count()).toBe(5);

    // Words the core cannot read are refused with what would work.
    await form.getByRole('radio', { name: 'Say it' }).check();
    await form.getByRole('textbox', { name: 'Say when' }).fill('whenever it suits');
    await form.getByText(/^Could not read “whenever it suits” as a time; try “in 2 hours”/).waitFor();
    await form.getByRole('button', { name: 'Create recall' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^Could not read “whenever it suits”/);
    expect(await form.getByRole('textbox', { name: 'Say when' }).getAttribute('aria-invalid')).toBe('true');

    // A time in the past.
    await form.getByRole('radio', { name: 'At' }).check();
    await form.getByLabel('Run at').fill('2020-01-01T09:00');
    await form.getByRole('button', { name: 'Create recall' }).click();
    await expect.poll(() => alert.textContent()).toContain('That time has already passed');
    expect(await form.getByLabel('Run at').getAttribute('aria-invalid')).toBe('true');

    // An interval below a minute cannot be entered: whole minutes at least.
    await form.getByRole('radio', { name: 'Every' }).check();
    await form.getByLabel('Run every').fill('0');
    await form.getByRole('button', { name: 'Create recall' }).click();
    await expect.poll(() => alert.textContent()).toContain('at least every 1 minute');

    expect(running.core.recalls.list(sessionId)).toEqual([]);
    // Esc cancels.
    await form.getByLabel('Run every').press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await recallsRegion(page).getByRole('listitem').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it('pause, resume, edit and delete in one page show in another at once', async () => {
    const { running, conversation, open, errors } = await fixture();
    const sessionId = conversation('Inbox');
    const [first, second] = await Promise.all([open(conversationHash(sessionId)), open(conversationHash(sessionId))]);
    running.core.recalls.create({
      sessionId,
      schedule: { kind: 'interval', everySeconds: 7200 },
      message: 'Summarise new mail',
      createdBy: 'user',
    });
    for (const page of [first, second]) {
      const row = recallRow(recallsRegion(page), 'Summarise new mail');
      await row.waitFor();
      expect(await row.innerText()).toContain('Every 2 hours');
      expect(await recallsRegion(page).innerText()).toMatch(/1 scheduled · next today|1 scheduled · next tomorrow/);
    }

    const rowIn = (page: Page) => recallRow(recallsRegion(page), 'Summarise new mail');
    // The tab in use is brought to the front first (see the first test).
    await first.bringToFront();
    await rowIn(first).getByRole('button', { name: 'Pause recall' }).click();
    await expect.poll(() => statusOf(second, 'Summarise new mail')).toBe('Paused');
    await second.bringToFront();
    await rowIn(second).getByRole('button', { name: 'Resume recall' }).click();
    await expect.poll(() => statusOf(first, 'Summarise new mail')).toBe('Scheduled');

    // Edit in the second page: a cron schedule in a named zone.
    await rowIn(second).getByRole('button', { name: 'Edit recall' }).click();
    const form = second.getByRole('form', { name: 'Edit recall' });
    expect(await form.getByLabel('Run every').inputValue()).toBe('2');
    await form.getByRole('radio', { name: 'Cron' }).check();
    await form.getByRole('textbox', { name: 'Cron expression' }).fill('30 8 * * 1');
    await form.getByRole('combobox', { name: 'Time zone' }).selectOption('Europe/Berlin');
    await form.getByLabel('Instructions').fill('Summarise new mail from the weekend');
    await form.getByRole('button', { name: 'Save recall' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => rowIn(first).innerText()).toContain('At 08:30 AM, only on Monday (Europe/Berlin)');
    expect(await rowIn(first).innerText()).toContain('Summarise new mail from the weekend');

    await first.bringToFront();
    await rowIn(first).getByRole('button', { name: 'Delete recall' }).click();
    const dialog = first.getByRole('dialog', { name: 'Delete this recall?' });
    await dialog.getByRole('button', { name: 'Delete recall' }).click();
    await dialog.waitFor({ state: 'detached' });
    for (const page of [first, second]) {
      await expect.poll(() => recallsRegion(page).getByRole('listitem').count()).toBe(0);
      expect(await recallsRegion(page).innerText()).toContain('Schedule Navi to come back to this conversation later.');
    }
    expect(running.core.recalls.list(sessionId)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('the form sets an end, notifications and cancel-on-reply, explains missed runs, and Snooze puts a run off', async () => {
    const { running, conversation, open, errors } = await fixture();
    const sessionId = conversation('Standups');
    const page = await open(conversationHash(sessionId));
    const form = await openCreateForm(page);
    // The missed-run policy says what counts as missed and what each choice does.
    const missed = form.getByRole('combobox', { name: 'If Navi was closed when it was due' });
    expect(
      await form.getByText(/more than 2 minutes late\. Catch up once: it runs once when Navi is back/).count(),
    ).toBe(1);
    await missed.selectOption('skip');
    await form.getByText(/Skip: it does not run; a note in the conversation says so/).waitFor();
    await missed.selectOption('catch_up_once');

    await form.getByRole('textbox', { name: 'Say when' }).fill('every weekday at 8:30');
    await form.getByRole('combobox', { name: 'Ends' }).selectOption('after');
    await form.getByRole('spinbutton', { name: 'Ends after this many runs' }).fill('3');
    await form.getByRole('combobox', { name: 'Notify me' }).selectOption('attention');
    await form.getByRole('checkbox', { name: 'Cancel it if I write in this conversation before it runs' }).check();
    await form.getByLabel('Instructions').fill('Collect the standup notes');
    await form.getByRole('button', { name: 'Create recall' }).click();
    await form.waitFor({ state: 'detached' });

    const [stored] = running.core.recalls.list(sessionId);
    expect(stored).toMatchObject({ maxRuns: 3, runCount: 0, notify: 'attention', cancelOnReply: true, endsAt: null });
    const row = recallRow(recallsRegion(page), 'Collect the standup notes');
    await expect.poll(() => row.innerText()).toContain('ends after 3 runs (0 done)');
    expect(await row.innerText()).toContain('notifies on failure or attention');
    expect(await row.innerText()).toContain('cancelled if you write first');

    const due = stored!.nextRunAt!;
    await row.getByRole('button', { name: 'Snooze recall for 1 hour' }).click();
    await expect.poll(() => running.core.recalls.list(sessionId)[0]!.nextRunAt).toBe(due + 3_600_000);
    expect(errors).toEqual([]);
  }, 60_000);

  it('the Scheduled view lists recalls across conversations, opens them, and shows the run history live', async () => {
    const { agent, running, conversation, open, errors } = await fixture();
    const deploy = conversation('Deploy watch');
    const inbox = conversation('Inbox');
    const recalls = running.core.recalls;
    const createdBy = 'user';
    const inTwoHours = Date.now() + 2 * 3600_000;
    recalls.create({
      sessionId: deploy,
      schedule: { kind: 'once', at: inTwoHours },
      message: 'Check the deploy',
      createdBy,
    });
    recalls.create({
      sessionId: inbox,
      schedule: { kind: 'cron', expression: '0 9 * * 1-5', timeZone: 'America/New_York' },
      message: 'Summarise the inbox',
      createdBy,
    });
    const paused = recalls.create({
      sessionId: inbox,
      schedule: { kind: 'interval', everySeconds: 600 },
      message: 'Look for urgent mail',
      createdBy,
    });
    recalls.pause(paused.id);

    const page = await open();
    await page.getByRole('link', { name: 'Scheduled' }).click();
    await page.getByRole('heading', { name: 'Scheduled' }).waitFor();
    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    await recallRow(upcoming, 'Check the deploy').waitFor();
    expect(await recallRow(upcoming, 'Check the deploy').innerText()).toContain('Deploy watch');
    expect(await recallRow(upcoming, 'Summarise the inbox').innerText()).toContain('(America/New_York)');
    const pausedSection = page.getByRole('region', { name: 'Paused' });
    expect(await recallRow(pausedSection, 'Look for urgent mail').innerText()).toContain('Every 10 minutes');
    const history = page.getByRole('region', { name: 'Run history' });
    await history.getByText('No recall has run yet.').waitFor();

    // Live: run one now from here; its reply finishes and the history and lists follow.
    await recallRow(upcoming, 'Check the deploy').getByRole('button', { name: 'Run recall now' }).click();
    await runStarted(agent, 1);
    agent.last.delta('Deployed.');
    agent.last.complete();
    const finished = page.getByRole('region', { name: 'Finished' });
    await recallRow(finished, 'Check the deploy').waitFor();
    expect(await recallRow(upcoming, 'Check the deploy').count()).toBe(0);
    const historyRow = history.getByRole('row').filter({ hasText: 'Check the deploy' });
    await historyRow.waitFor();
    expect(await historyRow.innerText()).toContain('Deploy watch');
    expect(await historyRow.innerText()).toContain('Succeeded');

    // A recall the agent schedules elsewhere shows up without a reload.
    running.core.recalls.create({
      sessionId: deploy,
      schedule: { kind: 'interval', everySeconds: 3600 },
      message: 'Watch the error rate',
      createdBy: 'agent',
    });
    const fromAgent = recallRow(upcoming, 'Watch the error rate');
    await fromAgent.waitFor();
    expect(await fromAgent.innerText()).toContain('Set by Navi');

    // The conversation's title opens it.
    await recallRow(upcoming, 'Summarise the inbox').getByRole('link', { name: 'Inbox' }).click();
    await expect.poll(() => page.url()).toContain(conversationHash(inbox));
    await recallRow(recallsRegion(page), 'Summarise the inbox').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows no notification while notifications are off in the settings', async () => {
    const { agent, running, conversation, open, errors } = await fixture();
    const sessionId = conversation('Quiet hours');
    const page = await open(conversationHash(sessionId));
    const recall = running.core.recalls.create({
      sessionId,
      schedule: { kind: 'interval', everySeconds: 3600 },
      message: 'Check the queue',
      createdBy: 'user',
    });
    const client = socketClient(running.host.port, running.host.token);
    harness.afterTest(async () => client.close());
    const fire = async (reply: string): Promise<void> => {
      const runs = agent.runs.length;
      running.core.recalls.runNow(recall.id);
      // The agent is asked in a later turn than the run's start (RunLifecycle.drive).
      await expect.poll(() => agent.runs.length).toBe(runs + 1);
      expect(agent.last.request.origin).toBe('recall');
      agent.last.delta(reply);
      agent.last.complete();
      await expect.poll(() => lastReplyText(page)).toBe(reply);
    };

    await client.api.shell.update({ notifications: false });
    await fire('Queue is empty.');
    await client.api.shell.update({ notifications: true });
    await fire('Two jobs waiting.');
    // Events are handled in order: had the first one shown anything, it would be here first.
    await expect
      .poll(() => notificationsIn(page))
      .toEqual([{ title: 'Recall · Quiet hours', body: 'Two jobs waiting.', tag: `navi-recall-${recall.id}` }]);
    expect(errors).toEqual([]);
  });

  it('quiet hours set in Settings hold a recall notification, and one summary shows when they end', async () => {
    const clock = new ManualClock(Date.now());
    const { agent, running, conversation, open, errors } = await fixture({ clock });
    const sessionId = conversation('Night shift');
    const recall = running.core.recalls.create({
      sessionId,
      schedule: { kind: 'interval', everySeconds: 3600 },
      message: 'Check the backups',
      createdBy: 'user',
    });
    // Quiet from a minute ago for half an hour, in the core's local time.
    const hhmm = (at: number) =>
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    const from = hhmm(clock.now() - 60_000);
    const to = hhmm(clock.now() + 30 * 60_000);

    const page = await open();
    await page.goto(`${running.host.url}#/settings`);
    const app = page.getByRole('region', { name: 'App' });
    const quiet = app.getByRole('switch', { name: 'Quiet hours' });
    expect(await quiet.isChecked()).toBe(false);
    await quiet.check({ force: true });
    const window = app.getByRole('form', { name: 'Quiet hours' });
    await window.getByLabel('From').fill(from);
    await window.getByLabel('To').fill(to);
    await window.getByRole('button', { name: 'Save' }).click();
    await window.getByRole('status').getByText('Saved').waitFor();
    const settings = socketClient(running.host.port, running.host.token);
    harness.afterTest(async () => settings.close());
    expect((await settings.api.settings.getGeneral()).quietHours).toEqual({ from, to });

    // It runs and replies; the page hears it, held, and shows nothing.
    await page.goto(`${running.host.url}${conversationHash(sessionId)}`);
    running.core.recalls.runNow(recall.id);
    await expect.poll(() => agent.runs.length).toBe(1);
    agent.last.delta('Backups are fine.');
    agent.last.complete();
    await expect
      .poll(() => {
        clock.advance(DEFAULT_COALESCING.intervalMs);
        return lastReplyText(page);
      })
      .toBe('Backups are fine.');
    expect(await notificationsIn(page)).toEqual([]);

    // The end of quiet hours: one summary, whose click opens the conversation.
    clock.advance(31 * 60_000);
    await expect
      .poll(() => notificationsIn(page))
      .toEqual([{ title: '1 recall ran during quiet hours', body: 'In Night shift.', tag: 'navi-quiet-hours' }]);
    await page.getByRole('link', { name: 'Scheduled' }).click();
    await clickLastNotification(page);
    await expect.poll(() => page.url()).toContain(conversationHash(sessionId));

    // Off again from Settings.
    await page.goto(`${running.host.url}#/settings`);
    await quiet.uncheck({ force: true });
    await expect.poll(async () => (await settings.api.settings.getGeneral()).quietHours).toBeNull();
    expect(errors).toEqual([]);
  });

  it('asks for permission from a click, remembers "Not now", and explains a blocked browser', async () => {
    const { running, conversation, open, errors } = await fixture({ allowNotifications: false });
    const sessionId = conversation('Reminders');
    running.core.recalls.create({
      sessionId,
      schedule: { kind: 'interval', everySeconds: 3600 },
      message: 'Stretch',
      createdBy: 'user',
    });
    const page = await open(conversationHash(sessionId));
    const region = recallsRegion(page);
    await recallRow(region, 'Stretch').waitFor();
    await region.getByRole('button', { name: 'Turn on notifications' }).waitFor();
    await region.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => region.getByRole('button', { name: 'Turn on notifications' }).count()).toBe(0);
    await page.reload();
    await recallRow(region, 'Stretch').waitFor();
    expect(await region.getByRole('note').count()).toBe(0);

    // The Scheduled view keeps the way back; the browser (no grant here) says no.
    await page.getByRole('link', { name: 'Scheduled' }).click();
    const turnOn = page.getByRole('button', { name: 'Turn on notifications' });
    await turnOn.click();
    await page.getByText('This browser blocks notifications from Navi').waitFor();
    expect(await turnOn.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
