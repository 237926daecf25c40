import { describe, expect, it } from 'vitest';
import { useBrowserHarness } from './browserHarness';
import { startChatFixture, type ChatFixture } from './chatDriver';

const harness = useBrowserHarness();

const fixture = (): Promise<ChatFixture> => startChatFixture(harness);

/** Providers configured by the environment would make this a configured, not a first, start. */
const envConfigured = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'].some(
  (name) => process.env[name],
);

/** Nothing listens here: connections are refused at once. */
const CLOSED_URL = 'http://127.0.0.1:9/v1';

describe('settings', () => {
  it.skipIf(envConfigured)('guides a first start through adding a provider and choosing a model', async () => {
    const { open, errors } = await fixture();
    const page = await open();
    const setup = page.getByRole('region', { name: 'Set up Navi' });
    await setup.waitFor();

    await setup.getByRole('button', { name: 'Save and continue' }).click();
    await setup.getByText('Give the provider a name').waitFor();

    await setup.getByRole('textbox', { name: 'Name' }).fill('Local llama');
    await setup.getByRole('textbox', { name: 'Base URL' }).fill(CLOSED_URL);
    await setup.getByRole('button', { name: 'Test connection' }).click();
    const result = setup.getByRole('status');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('class')).toContain('failed');

    await setup.getByRole('button', { name: 'Save and continue' }).click();
    await setup.getByText('Which model should reply?').waitFor();
    // The provider's form is gone: the cursor waits in the model's field.
    const model = setup.getByRole('combobox', { name: 'Model' });
    await expect.poll(() => model.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await model.fill('llama3.2');
    await setup.getByRole('button', { name: 'Use this model' }).click();
    // Configured: the setup gives way to the welcome, and the cursor goes to the message box.
    await expect.poll(() => setup.count()).toBe(0);
    const message = page.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => message.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);

    await page.getByRole('link', { name: 'Settings' }).click();
    const providers = page.getByRole('list', { name: 'Providers' });
    await providers.getByRole('listitem', { name: 'Local llama' }).waitFor();
    await page.getByText('Replies use llama3.2 on Local llama.').waitFor();
    expect(errors).toEqual([]);
  });

  it.skipIf(envConfigured)(
    'can skip the setup, edit a provider, and change max steps with errors shown inline',
    async () => {
      const { open } = await fixture();
      const page = await open();
      await page.getByRole('button', { name: 'Skip for now' }).click();
      await page.getByRole('heading', { name: 'What can Navi do for you?' }).waitFor();

      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Add provider' }).click();
      await page.getByRole('textbox', { name: 'Name' }).fill('Lab server');
      await page.getByRole('button', { name: 'Add provider' }).click();
      await page.getByText('An OpenAI-compatible provider needs a base URL', { exact: false }).waitFor();
      await page.getByRole('textbox', { name: 'Base URL' }).fill(CLOSED_URL);
      await page.getByRole('button', { name: 'Add provider' }).click();
      const card = page.getByRole('list', { name: 'Providers' }).getByRole('listitem', { name: 'Lab server' });
      await card.waitFor();

      await card.getByRole('button', { name: 'Edit' }).click();
      await card.getByRole('textbox', { name: 'Name' }).fill('Lab GPU server');
      await card.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('list', { name: 'Providers' }).getByRole('listitem', { name: 'Lab GPU server' }).waitFor();

      const steps = page.getByRole('spinbutton', { name: 'Max steps per reply' });
      await steps.fill('0');
      await page.getByRole('form', { name: 'Max steps per reply' }).getByRole('button', { name: 'Save' }).click();
      await page.getByText('Max steps must be at least 1').waitFor();
      await steps.fill('25');
      await page.getByRole('form', { name: 'Max steps per reply' }).getByRole('button', { name: 'Save' }).click();
      await page.getByRole('form', { name: 'Max steps per reply' }).getByText('Saved').waitFor();
      await page.reload();
      await expect.poll(() => page.getByRole('spinbutton', { name: 'Max steps per reply' }).inputValue()).toBe('25');
    },
  );
});
