import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { reply } from '../fixtures';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, sendMessage, sessionIdOf, startProviderChat } from './chatDriver';

const harness = useBrowserHarness();

const profileList = (page: Page) => page.getByRole('list', { name: 'Profiles' });
const card = (page: Page, name: string) => profileList(page).getByRole('listitem', { name, exact: true });
const isFocused = (locator: Locator) => locator.evaluate((element) => element === element.ownerDocument.activeElement);
/** The names of the tools a streamed request offered the model. */
const toolsOf = (body: { tools?: { function: { name: string } }[] }) =>
  (body.tools ?? []).map((tool) => tool.function.name);

describe('profiles in Settings (real agent, scripted provider over HTTP)', { timeout: 90_000 }, () => {
  it('creates, renames, edits and deletes a profile by keyboard; drafts survive leaving Settings; its chats and their recall runs get only its tools', async () => {
    const { open, provider, running, errors } = await startProviderChat(harness);
    const page = await open();
    await page.getByRole('link', { name: 'Settings' }).click();
    await card(page, 'From environment').waitFor();

    // Keyboard: New profile opens the form with the name focused; Escape with nothing typed closes it.
    await page.getByRole('button', { name: 'New profile' }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'New profile' });
    await form.waitFor();
    await expect.poll(() => isFocused(form.getByRole('textbox', { name: 'Name' }))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => form.count()).toBe(0);
    await expect.poll(() => isFocused(page.getByRole('button', { name: 'New profile' }))).toBe(true);

    // Errors are shown where they belong: the form's own check, then the core's refusal.
    await page.keyboard.press('Enter');
    await form.getByRole('button', { name: 'Create profile' }).click();
    await form.getByText('Give the profile a name').waitFor();
    await form.getByRole('textbox', { name: 'Name' }).fill('From environment');
    await form.getByRole('button', { name: 'Create profile' }).click();
    await form.getByRole('alert').getByText('A profile named "From environment" already exists').waitFor();

    await form.getByRole('textbox', { name: 'Name' }).fill('Clock');
    await form.getByRole('textbox', { name: 'Instructions' }).fill('Tell the time.');
    await form.getByRole('checkbox', { name: 'All built-in tools, also ones added later' }).uncheck();
    await form.getByRole('checkbox', { name: 'current_time' }).check();
    await form.getByRole('combobox', { name: 'Missed runs of new recalls' }).selectOption({ label: 'Skip them' });
    await form.getByRole('button', { name: 'Create profile' }).click();
    const clock = card(page, 'Clock');
    await clock.getByText('tools: current_time').waitFor();
    await expect.poll(() => isFocused(page.getByRole('button', { name: 'New profile' }))).toBe(true);

    // Rename: the draft survives going elsewhere and coming back; Cancel asks before discarding.
    await clock.getByRole('button', { name: 'Edit' }).click();
    const editing = page.getByRole('form', { name: 'Edit Clock' });
    await editing.getByRole('textbox', { name: 'Name' }).fill('Timekeeper');
    await editing.getByRole('status').getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => editing.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Timekeeper');
    await editing.getByRole('button', { name: 'Cancel' }).click();
    const discard = page.getByRole('dialog', { name: 'Discard your changes?' });
    await discard.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => discard.count()).toBe(0);
    await editing.getByRole('button', { name: 'Save profile' }).click();
    const timekeeper = card(page, 'Timekeeper');
    await timekeeper.waitFor();
    await expect.poll(() => card(page, 'Clock').count()).toBe(0);
    await expect.poll(() => isFocused(timekeeper.getByRole('button', { name: 'Edit' }))).toBe(true);

    // A chat from the profile offers the model only its tools, and so does a recall run in it.
    provider.script(reply.text('It is noon.'), reply.text('Still noon.'));
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByRole('combobox', { name: 'Profile' }).selectOption({ label: 'Timekeeper' });
    await sendMessage(page, 'What time is it?');
    await expect.poll(() => lastReplyText(page)).toBe('It is noon.');
    const sessionId = sessionIdOf(page);
    const recall = running.core.recalls.create({
      sessionId,
      schedule: { kind: 'interval', everySeconds: 3600 },
      message: 'Check the time again',
      createdBy: 'user',
    });
    expect(recall.missedPolicy).toBe('skip');
    running.core.recalls.runNow(recall.id);
    await expect.poll(() => lastReplyText(page)).toBe('Still noon.');
    const streamed = provider.chatRequests().filter((request) => request.body?.stream === true);
    expect(streamed).toHaveLength(2);
    expect(streamed.map((request) => toolsOf(request.body))).toEqual([['current_time'], ['current_time']]);
    expect(streamed[1]!.body.messages.at(-1)).toMatchObject({ role: 'user', content: 'Check the time again' });
    const system = (streamed[0]!.body.messages as { role: string; content: string }[]).find(
      (message) => message.role === 'system',
    );
    expect(system?.content).toBe('Tell the time.');

    // Delete asks first; the conversation goes back to the default profile (all tools again).
    await page.getByRole('link', { name: 'Settings' }).click();
    await timekeeper.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete Timekeeper?' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => timekeeper.count()).toBe(0);
    expect(await card(page, 'From environment').getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
