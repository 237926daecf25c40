import { describe, expect, it } from 'vitest';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, runStarted, sendMessage, sessionIdOf, startChatFixture, type ChatFixture } from './chatDriver';

const harness = useBrowserHarness();

const fixture = (): Promise<ChatFixture> => startChatFixture(harness);

describe('the conversations sidebar', () => {
  it('renames, searches titles and message text, and deletes after confirmation', async () => {
    const { agent, open, running, errors } = await fixture();
    running.core.store.createSession('Deploy checklist');
    const holiday = running.core.store.createSession('Holiday plans');
    running.core.store.appendMessage({
      sessionId: holiday.id,
      role: 'user',
      parts: [{ type: 'text', text: 'Book the ferry to Porto Santo for Friday.' }],
      status: 'complete',
      origin: 'user',
    });
    const page = await open();
    const list = page.getByRole('list', { name: 'Conversations' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);

    await list.getByRole('link', { name: 'Deploy checklist' }).click();
    await page.getByRole('heading', { name: 'Deploy checklist' }).waitFor();
    const deployId = sessionIdOf(page);

    const item = (title: string) => list.getByRole('listitem').filter({ hasText: title });
    await item('Deploy checklist').getByRole('button', { name: 'Rename conversation' }).click();
    const title = page.getByRole('textbox', { name: 'Conversation title' });
    await title.fill('Release checklist');
    await title.press('Enter');
    await page.getByRole('heading', { name: 'Release checklist' }).waitFor();
    await list.getByRole('link', { name: 'Release checklist' }).waitFor();

    await page.keyboard.press('Control+k');
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    await expect.poll(() => search.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await search.fill('holi');
    await expect.poll(() => list.getByRole('listitem').allInnerTexts()).toEqual(['Holiday plans']);
    // Message text is searched too, and the match is shown under the title.
    await search.fill('ferry porto');
    await expect
      .poll(() => list.getByRole('listitem').allInnerTexts())
      .toEqual([expect.stringMatching(/Holiday plans\s+Book the ferry to Porto Santo/)]);
    await search.fill('nothing like this');
    await page.getByText('No conversation matches.').waitFor();
    await search.fill('');

    await item('Release checklist').getByRole('button', { name: 'Delete conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await list.getByRole('listitem').count()).toBe(2);
    await item('Release checklist').getByRole('button', { name: 'Delete conversation' }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => list.getByRole('listitem').allInnerTexts()).toEqual(['Holiday plans']);
    // The open conversation was the deleted one: the window goes back to a new chat.
    await expect.poll(() => page.url()).not.toContain(deployId);
    expect(agent.runs).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it('New chat opens an empty composer, and the first message creates the conversation', async () => {
    const { agent, open } = await fixture();
    const page = await open();
    await sendMessage(page, 'First');
    await runStarted(agent, 1);
    agent.last.complete();
    const firstId = await expect
      .poll(() => page.url())
      .toMatch(/#\/c\//)
      .then(() => sessionIdOf(page));

    await page.getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => page.url()).not.toContain(firstId);
    await sendMessage(page, 'Second');
    await runStarted(agent, 2);
    agent.last.complete();
    await expect.poll(() => page.url()).toMatch(/#\/c\//);
    expect(sessionIdOf(page)).not.toBe(firstId);
    await expect.poll(() => page.getByRole('list', { name: 'Conversations' }).getByRole('listitem').count()).toBe(2);
  });

  it('marks a recall-fired run and streams it live into the open conversation', async () => {
    const { agent, open, running } = await fixture();
    const page = await open();
    await sendMessage(page, 'Remind me later');
    await runStarted(agent, 1);
    agent.last.delta('Sure.');
    agent.last.complete();
    await expect.poll(() => lastReplyText(page)).toBe('Sure.');

    running.core.orchestrator.startRun(sessionIdOf(page), 'Check the deploy', 'recall');
    await runStarted(agent, 2);
    await page.getByRole('article', { name: 'Recall' }).getByText('Recall fired').waitFor();
    agent.last.delta('The deploy finished.');
    await expect.poll(() => lastReplyText(page)).toBe('The deploy finished.');
    agent.last.complete();
    await page.getByRole('article', { name: 'Navi' }).last().getByText('Reply to a recall').waitFor();
    await page.getByRole('region', { name: 'Recalls' }).waitFor();
  });
});
