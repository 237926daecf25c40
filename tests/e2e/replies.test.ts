import { describe, expect, it } from 'vitest';
import { reply } from '../fixtures';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, sendMessage, startProviderChat } from './chatDriver';

const harness = useBrowserHarness();

describe('replies that arrive or say why (real agent, scripted provider over HTTP)', () => {
  it('a provider error shows inline; Retry writes the reply again without sending the prompt twice', async () => {
    const { open, provider, sentMessages, errors } = await startProviderChat(harness);
    provider.script(reply.error(400, 'messages: too many tokens'), reply.text('Here is the summary.'));
    const page = await open();
    await sendMessage(page, 'Summarise the report');
    await page.getByText(/rejected the request \(400\): messages: too many tokens/).waitFor();

    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => lastReplyText(page)).toBe('Here is the summary.');
    expect(sentMessages()).toEqual([['user: Summarise the report'], ['user: Summarise the report']]);
    expect(await page.getByRole('article', { name: 'You' }).count()).toBe(1);
    expect(await page.getByRole('article', { name: 'Navi' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);

    // The next message follows the new reply; the failure is gone from what the model sees.
    provider.script(reply.text('You are welcome.'));
    await sendMessage(page, 'Thanks');
    await expect.poll(() => lastReplyText(page)).toBe('You are welcome.');
    expect(sentMessages()[2]).toEqual([
      'user: Summarise the report',
      'assistant: Here is the summary.',
      'user: Thanks',
    ]);
    expect(errors).toEqual([]);
  });

  it.each([
    ['an empty answer', reply.empty(), /sent an empty answer \(no text and no tool call\) for fixture-model/],
    ['a web page instead of the API', reply.html(), /answered with a web page \(text\/html\) instead of a model reply/],
  ])('%s shows an error with a readable reason and Retry', async (_name, answer, reason) => {
    const { open, provider, errors } = await startProviderChat(harness);
    provider.script(answer, reply.text('A real answer.'));
    const page = await open();
    await sendMessage(page, 'Hello?');
    await page.getByText(reason).waitFor();
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => lastReplyText(page)).toBe('A real answer.');
    expect(await page.getByText(reason).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
