import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { reply } from '../fixtures';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, sendMessage, sessionIdOf, startProviderChat } from './chatDriver';

const harness = useBrowserHarness();

const model = (page: Page) => page.getByRole('combobox', { name: 'Model' });
const selectedModel = (page: Page) => model(page).locator('option:checked').textContent();
const instructions = (page: Page) => page.getByRole('textbox', { name: 'Instructions' });
const openSettings = (page: Page) => page.getByRole('button', { name: 'Profile and instructions' }).click();

describe(
  'model and instructions per conversation (real agent, scripted provider over HTTP)',
  { timeout: 60_000 },
  () => {
    it('the header shows the model in use; a model and instructions chosen in one window show in every window and reach the provider', async () => {
      const { open, watch, provider, running, errors } = await startProviderChat(harness);
      provider.script(reply.text('Hello.'), reply.text('Bonjour.'));
      const first = await open();
      await sendMessage(first, 'Hi');
      await expect.poll(() => lastReplyText(first)).toBe('Hello.');
      await expect.poll(() => selectedModel(first)).toBe('fixture-model (From environment)');
      const second = watch(await harness.browser.newPage({ viewport: { width: 700, height: 800 } }));
      await second.goto(`${running.host.url}#/c/${sessionIdOf(first)}`);
      await expect.poll(() => lastReplyText(second)).toBe('Hello.');

      // Models listed from the configured provider; the choice follows in the other window.
      await expect
        .poll(() => model(first).locator('option').allTextContents())
        .toEqual(['fixture-model (From environment)', 'fixture-model', 'fixture-small']);
      await model(first).selectOption({ label: 'fixture-small' });
      await expect.poll(() => selectedModel(second)).toBe('fixture-small');

      await openSettings(first);
      expect(await instructions(first).getAttribute('placeholder')).toMatch(/^You are Navi/);
      await instructions(first).fill('Answer in French.');
      await first.getByRole('button', { name: 'Save instructions' }).click();
      await openSettings(second);
      await expect.poll(() => instructions(second).inputValue()).toBe('Answer in French.');

      await sendMessage(second, 'Again');
      await expect.poll(() => lastReplyText(first)).toBe('Bonjour.');
      const streamed = provider.chatRequests().filter((request) => request.body?.stream === true);
      expect(streamed.map((request) => request.body.model)).toEqual(['fixture-model', 'fixture-small']);
      const system = (streamed[1]!.body.messages as { role: string; content: string }[]).find(
        (message) => message.role === 'system',
      );
      expect(system?.content).toBe('Answer in French.');
      // Each reply reported 10 in and 5 out: the conversation's total in the header, in both windows.
      for (const page of [first, second]) await page.locator('.usage-total').getByText('30 tokens').waitFor();

      // Back to the profile's model and instructions.
      await model(second).selectOption({ index: 0 });
      await second.getByRole('button', { name: 'Use the profile’s' }).click();
      await expect.poll(() => selectedModel(first)).toBe('fixture-model (From environment)');
      await expect.poll(() => instructions(first).inputValue()).toBe('');
      expect(errors).toEqual([]);
    });

    it('Regenerate after a provider error writes the reply again without sending the prompt twice', async () => {
      const { open, provider, sentMessages, errors } = await startProviderChat(harness);
      provider.script(reply.error(400, 'The request was malformed.'), reply.text('Here it is.'));
      const page = await open();
      await sendMessage(page, 'Answer me');
      await page
        .getByText(/malformed/)
        .first()
        .waitFor();
      await page.getByRole('article', { name: 'Navi' }).last().hover();
      await page.getByRole('button', { name: 'Regenerate' }).click();
      await expect.poll(() => lastReplyText(page)).toBe('Here it is.');
      expect(sentMessages()).toEqual([['user: Answer me'], ['user: Answer me']]);
      expect(await page.getByRole('article', { name: 'You' }).count()).toBe(1);
      await page.reload();
      await expect.poll(() => lastReplyText(page)).toBe('Here it is.');
      expect(await page.getByRole('article', { name: 'You' }).count()).toBe(1);
      expect(errors).toEqual([]);
    });
  },
);
