import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { reply } from '../fixtures';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, sendMessage, sessionIdOf, startProviderChat } from './chatDriver';

const harness = useBrowserHarness();

/** The rows of the conversation holding a message by "You" or "Navi". */
const rows = (page: Page, author: 'You' | 'Navi') =>
  page
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('article', { name: author }) });

const versionOf = (page: Page, author: 'You' | 'Navi') =>
  rows(page, author).last().getByRole('group', { name: 'Versions' }).innerText();

const yourText = (page: Page) => rows(page, 'You').locator('.user-text').allInnerTexts();

describe('branches (real agent, scripted provider over HTTP)', { timeout: 60_000 }, () => {
  it('edit starts a branch; switching versions in one window switches every window; the model sees the branch on screen', async () => {
    const { open, watch, provider, sentMessages, errors, running } = await startProviderChat(harness);
    provider.script(
      reply.text('Porto is lovely.'),
      reply.text('Lisbon is lovely.'),
      reply.text('Trams run until 23:00.'),
    );
    const first = await open();
    await sendMessage(first, 'Tell me about Porto');
    await expect.poll(() => lastReplyText(first)).toBe('Porto is lovely.');
    const second = watch(await harness.browser.newPage({ viewport: { width: 1000, height: 800 } }));
    await second.goto(`${running.host.url}#/c/${sessionIdOf(first)}`);
    await expect.poll(() => lastReplyText(second)).toBe('Porto is lovely.');

    await rows(first, 'You').getByRole('button', { name: 'Edit' }).click();
    const editor = first.getByRole('textbox', { name: 'Edit message' });
    expect(await editor.inputValue()).toBe('Tell me about Porto');
    await editor.fill('Tell me about Lisbon');
    await first.getByRole('button', { name: 'Save and send' }).click();
    for (const page of [first, second]) {
      await expect.poll(() => lastReplyText(page)).toBe('Lisbon is lovely.');
      await expect.poll(() => yourText(page)).toEqual(['Tell me about Lisbon']);
      await expect.poll(() => versionOf(page, 'You')).toBe('2 / 2');
    }
    expect(sentMessages()[1]).toEqual(['user: Tell me about Lisbon']);

    // Back to the first version, from the second window: both windows follow.
    await rows(second, 'You').getByRole('button', { name: 'Previous version' }).click();
    for (const page of [first, second]) {
      await expect.poll(() => lastReplyText(page)).toBe('Porto is lovely.');
      await expect.poll(() => yourText(page)).toEqual(['Tell me about Porto']);
      await expect.poll(() => versionOf(page, 'You')).toBe('1 / 2');
    }
    expect(await rows(first, 'You').getByRole('button', { name: 'Previous version' }).isDisabled()).toBe(true);

    // What follows continues the branch on screen.
    await sendMessage(first, 'And the trams?');
    await expect.poll(() => lastReplyText(second)).toBe('Trams run until 23:00.');
    expect(sentMessages()[2]).toEqual([
      'user: Tell me about Porto',
      'assistant: Porto is lovely.',
      'user: And the trams?',
    ]);
    await second.reload();
    await expect.poll(() => lastReplyText(second)).toBe('Trams run until 23:00.');
    await expect.poll(() => yourText(second)).toEqual(['Tell me about Porto', 'And the trams?']);
    expect(errors).toEqual([]);
  });

  it('Regenerate writes another version of a reply without sending the prompt twice; Copy message copies its Markdown', async () => {
    const { open, provider, sentMessages, errors, running } = await startProviderChat(harness);
    provider.script(reply.text('The first answer, in **bold**.'), reply.text('A second answer.'));
    const page = await open();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: running.host.url });
    await sendMessage(page, 'Answer me');
    await expect.poll(() => lastReplyText(page)).toBe('The first answer, in bold.');

    await rows(page, 'Navi').getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(() => lastReplyText(page)).toBe('A second answer.');
    await expect.poll(() => versionOf(page, 'Navi')).toBe('2 / 2');
    expect(sentMessages()).toEqual([['user: Answer me'], ['user: Answer me']]);
    expect(await rows(page, 'You').count()).toBe(1);

    await rows(page, 'Navi').getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(() => lastReplyText(page)).toBe('The first answer, in bold.');
    await rows(page, 'Navi').getByRole('button', { name: 'Copy message' }).click();
    await rows(page, 'Navi').getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('The first answer, in **bold**.');
    expect(errors).toEqual([]);
  });
});
