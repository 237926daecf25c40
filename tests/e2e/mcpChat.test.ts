import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { reply, startOpenAiFixture } from '../fixtures';
import { projectRoot, startTestHost } from '../helpers/host';
import { collectPageErrors } from './browserHarness';
import { useBrowserHarness } from './browserHarness';

const harness = useBrowserHarness();
const EVERYTHING = join(projectRoot, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

/** A real core whose agent talks to the scripted provider, with server-everything connected over stdio. */
async function setup() {
  const provider = await startOpenAiFixture();
  harness.afterTest(() => provider.close());
  const running = await startTestHost(harness.tempDir(), {
    env: {
      PATH: process.env.PATH ?? '',
      OPENAI_API_KEY: 'sk-test-key-0123456789',
      OPENAI_BASE_URL: provider.baseURL,
      NAVI_MODEL: 'fixture-model',
    },
  });
  harness.afterTest(() => running.close());
  const { mcp, sessions } = running.core.services;
  const server = await mcp.add(
    { transport: 'stdio', name: 'everything', command: process.execPath, args: [EVERYTHING, 'stdio'], env: [] },
    testCall(),
  );
  // These tests are about MCP features, not approval: the server's tools run without asking.
  await running.core.services.tools.setPolicy(
    { target: { kind: 'server', serverId: server.id }, policy: 'allow' },
    testCall(),
  );
  await vi.waitFor(
    async () => {
      const tools = await mcp.listTools({ id: server.id }, testCall());
      expect(tools.map((tool) => tool.name)).toContain('trigger-elicitation-request');
    },
    { timeout: 20_000, interval: 50 },
  );
  const session = await sessions.create(undefined, testCall());
  const errors: string[] = [];
  const open = async (width = 1100, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> => {
    const page = await harness.browser.newPage({ viewport: { width, height: 800 }, colorScheme });
    page.setDefaultTimeout(20_000);
    collectPageErrors(page, errors);
    await page.goto(`${running.host.url}#/c/${session.id}`);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    return page;
  };
  return { provider, running, session, open, errors };
}

function testCall() {
  return { signal: new AbortController().signal, peerId: 'test', isCongested: () => false };
}

const shot = (page: Page, name: string) =>
  process.env.NAVI_SCREENSHOTS
    ? page.screenshot({ path: join(projectRoot, 'test-results', `${name}.png`) })
    : undefined;

/** Starting server-everything, Chromium pages and two model steps take a while on a busy machine. */
const SLOW = { timeout: 90_000 };

describe('MCP in the chat: slash commands, resources and a server question', () => {
  it('lists prompts on "/", chooses one by keyboard, fills its argument and attaches a resource', SLOW, async () => {
    const { open, provider, errors } = await setup();
    const page = await open();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('/');
    const list = page.getByRole('listbox', { name: 'Prompts' });
    await expect.poll(() => list.getByRole('option').count()).toBeGreaterThanOrEqual(4);
    await shot(page, 'slash-menu');
    await box.pressSequentially('arg');
    await expect
      .poll(() => list.getByRole('option').allInnerTexts())
      .toEqual([expect.stringContaining('/args-prompt')]);
    await expect
      .poll(() => box.getAttribute('aria-activedescendant'))
      .toBe(await list.getByRole('option').first().getAttribute('id'));
    await box.press('Enter');
    const form = page.getByRole('group', { name: 'Arguments for /args-prompt' });
    const city = form.getByRole('textbox', { name: 'city (required)' });
    await expect.poll(() => city.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await city.fill('Berlin');
    await shot(page, 'prompt-arguments');
    await city.press('Enter');
    await expect.poll(() => box.inputValue()).toBe("What's weather in Berlin?");
    await expect.poll(() => form.count()).toBe(0);

    // Esc closes the list without touching the draft; a prompt without arguments replaces the draft at once.
    await box.fill('/simple');
    await expect.poll(() => list.getByRole('option').count()).toBe(1);
    await box.press('Escape');
    await expect.poll(() => list.count()).toBe(0);
    await box.fill('/simple-');
    await box.press('ArrowDown');
    await box.press('Tab');
    await expect.poll(() => box.inputValue()).toBe('This is a simple prompt without arguments.');

    await page.getByRole('button', { name: 'Attach a resource' }).click();
    const picker = page.getByRole('dialog', { name: 'Attach a resource' });
    await picker.getByRole('searchbox', { name: 'Filter resources' }).fill('features');
    await picker.getByRole('button', { name: 'Attach features.md' }).click();
    const attached = page.getByRole('list', { name: 'Attached resources' });
    await expect
      .poll(() => attached.getByRole('listitem').allInnerTexts())
      .toEqual([expect.stringContaining('features.md')]);
    await shot(page, 'resource-attached');

    provider.script(reply.text('A simple answer.'));
    await box.press('Enter');
    await page.getByText('A simple answer.').waitFor();
    const sent = page.getByRole('article', { name: 'You' }).last();
    await expect
      .poll(() => sent.getByRole('list', { name: 'Attached resources' }).innerText())
      .toContain('features.md');
    expect(JSON.stringify(provider.chatRequests()[0]!.body.messages)).toContain('# Everything Server - Features');
    // The composer's chips are gone once the message went out.
    await expect
      .poll(() => page.locator('.composer').getByRole('list', { name: 'Attached resources' }).count())
      .toBe(0);
    expect(errors).toEqual([]);
  });

  it(
    "shows a server's question in two windows; answering in one updates the other and the tool gets the answer",
    SLOW,
    async () => {
      const { open, provider, errors } = await setup();
      const first = await open();
      const second = await open(700, 'dark');
      provider.script(
        reply.toolCalls([{ name: 'mcp__everything__trigger-elicitation-request', input: {} }]),
        reply.text('Thank you, Ada.'),
      );
      const box = first.getByRole('textbox', { name: 'Message' });
      await box.fill('Ask me something');
      await box.press('Enter');

      const formIn = (page: Page) => page.getByRole('form', { name: 'Question from everything' });
      await formIn(first).waitFor();
      await formIn(second).waitFor();
      await formIn(second).scrollIntoViewIfNeeded();
      await shot(second, 'elicitation-dark-narrow');

      // Submitting without the required field shows the problem where it is, and sends nothing.
      const form = formIn(second);
      await form.getByRole('button', { name: 'Submit' }).click();
      await form.getByText('This is required').waitFor();
      await form.getByRole('textbox', { name: 'String (required)' }).fill('Ada Lovelace');
      await form
        .getByRole('combobox', { name: 'Titled Single Select Enum', exact: true })
        .selectOption({ label: 'Wonder Woman' });
      await form.getByRole('button', { name: 'Submit' }).click();

      await expect.poll(() => formIn(first).count()).toBe(0);
      await expect.poll(() => formIn(second).count()).toBe(0);
      await first.getByText('Thank you, Ada.').waitFor();
      const toolResult = JSON.stringify(provider.chatRequests()[1]!.body.messages);
      expect(toolResult).toContain('Name: Ada Lovelace');
      expect(toolResult).toContain('hero-3');
      expect(errors).toEqual([]);
    },
  );
});
