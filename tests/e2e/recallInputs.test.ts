import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserHarness } from './browserHarness';
import { conversationHash, recallRow, recallsRegion, startRecallFixture } from './recallsDriver';

// Notifications and their prompt need the full Chromium (see useBrowserHarness).
const harness = useBrowserHarness({ fullChromium: true });

async function openCreateForm(page: Page) {
  await recallsRegion(page).getByRole('button', { name: 'New recall' }).click();
  const form = page.getByRole('form', { name: 'New recall' });
  await form.waitFor();
  return form;
}

describe('recall inputs at their limits, in Chromium', () => {
  it('the form refuses impossible times, every-second cron and over-long expressions with the same words as the agent', async () => {
    const { running, conversation, open, errors } = await startRecallFixture(harness);
    const sessionId = conversation('Limits');
    const page = await open(conversationHash(sessionId));
    const form = await openCreateForm(page);
    const alert = form.getByRole('alert');
    await form.getByLabel('Instructions').fill('Check the deploy');

    await form.getByRole('radio', { name: /^In / }).check();
    await form.getByLabel('Run in').fill('99999999999');
    await form.getByRole('combobox', { name: 'Unit' }).selectOption('days');
    await form.getByRole('button', { name: 'Create recall' }).click();
    await expect.poll(() => alert.textContent()).toContain('A time must be before the year 10000');

    await form.getByRole('radio', { name: 'Cron' }).check();
    const cron = form.getByRole('textbox', { name: 'Cron expression' });
    await cron.fill('*/10 * * * * *');
    await form.getByRole('button', { name: 'Create recall' }).click();
    await expect.poll(() => alert.textContent()).toContain('a recall runs at most once a minute');

    await cron.fill(`0 9 * * ${'1,'.repeat(60)}2`);
    await form.getByRole('button', { name: 'Create recall' }).click();
    await expect.poll(() => alert.textContent()).toContain('A cron expression can be at most 100 characters');

    expect(running.core.recalls.list(sessionId)).toEqual([]);
    expect(await page.getByRole('heading', { name: 'Limits' }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('a stored recall with a time no Date can show leaves the Scheduled view and the conversation working', async () => {
    const { running, dataDir, conversation, open, errors } = await startRecallFixture(harness);
    const sessionId = conversation('Old data');
    running.core.recalls.create({
      sessionId,
      schedule: { kind: 'once', at: Date.now() + 3_600_000 },
      message: 'A good recall',
      createdBy: 'user',
    });
    // As an older Navi (or a damaged file) could have stored it: past what a Date can hold.
    const raw = new BetterSqlite3(join(dataDir, 'navi.db'));
    raw
      .prepare(
        `INSERT INTO recalls (id, session_id, kind, trigger_at, message, status, created_by, next_run_at, created_at, updated_at)
         VALUES ('bad', ?, 'once', 9e15, 'A damaged recall', 'pending', 'user', 9e15, 1, 1)`,
      )
      .run(sessionId);
    raw.close();

    const scheduled = await open('#/scheduled');
    await recallRow(scheduled, 'A good recall').waitFor();
    expect(await recallRow(scheduled, 'A damaged recall').innerText()).toMatch(/unknown time/);

    const chat = await open(conversationHash(sessionId));
    // The recalls list is open by default.
    await recallRow(recallsRegion(chat), 'A good recall').waitFor();
    await recallRow(recallsRegion(chat), 'A damaged recall').waitFor();
    expect(await chat.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});
