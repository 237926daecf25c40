import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AddMcpServerInput } from '../../src/shared/contract';
import { projectRoot } from '../helpers/host';
import { useBrowserHarness } from './browserHarness';
import { startChatFixture, type ChatFixture } from './chatDriver';

const harness = useBrowserHarness();

/** server-everything's entry point: `node <this> stdio`. */
const EVERYTHING = join(projectRoot, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
const CRASHING = join(projectRoot, 'tests', 'fixtures', 'mcp', 'crashAtStartup.mjs');
/** Connecting (spawning node, the handshake, listing tools) can take a few seconds on a busy machine. */
const CONNECT_TIMEOUT = 20_000;

const fixture = (): Promise<ChatFixture> => startChatFixture(harness);

/** A page on the settings (the fixture's `open` waits for the composer, which settings do not have). */
async function openSettingsPage({ running, watch }: ChatFixture): Promise<Page> {
  const page = watch(await harness.browser.newPage({ viewport: { width: 1200, height: 800 } }));
  await page.goto(`${running.host.url}#/settings`);
  await page.getByRole('heading', { name: 'MCP servers' }).waitFor();
  return page;
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'MCP servers' }).waitFor();
}

const mcpRegion = (page: Page) => page.getByRole('region', { name: 'MCP servers' });
const serverCard = (page: Page, name: string) =>
  page.getByRole('list', { name: 'MCP servers' }).getByRole('listitem', { name });

describe('MCP servers in settings and the chat header', () => {
  it('adds server-everything from the UI, shows it connected with its tools, and turns it off', async () => {
    const started = await fixture();
    const { open, running, errors } = started;
    const page = await open();
    await openSettings(page);
    const section = mcpRegion(page);
    await section.getByRole('button', { name: 'Add server' }).click();
    await section.getByRole('textbox', { name: 'Name' }).fill('Everything');
    await section.getByRole('textbox', { name: 'Command' }).fill(process.execPath);
    await section.getByRole('textbox', { name: 'Arguments' }).fill(`${EVERYTHING}\nstdio`);
    // The browser host has no secure store: a plain value is refused inline, a reference is fine.
    await section.getByRole('button', { name: 'Add variable' }).click();
    await section.getByRole('textbox', { name: 'variable 1 name' }).fill('DEMO_TOKEN');
    await section.getByLabel('variable 1 value').fill('s3cret');
    await section.getByRole('button', { name: 'Add server' }).click();
    await section.getByText('this host has no secure store', { exact: false }).waitFor();
    await section.getByLabel('variable 1 value').fill('${HOME}');
    await section.getByRole('button', { name: 'Add server' }).click();

    const card = serverCard(page, 'Everything');
    await card.getByText(/Connected · \d+ tools/).waitFor({ timeout: CONNECT_TIMEOUT });
    expect(await card.textContent()).toContain('1 environment variable');
    expect(await page.content()).not.toContain('s3cret');

    // Editing shows the variable's name, never a value: left empty, the saved value is kept.
    await card.getByRole('button', { name: 'Edit' }).click();
    const value = card.getByLabel('variable 1 value');
    expect(await value.inputValue()).toBe('');
    expect(await value.getAttribute('type')).toBe('password');
    expect(await value.getAttribute('placeholder')).toBe('Unchanged: ${HOME}');
    await card.getByRole('textbox', { name: 'Arguments' }).fill(`${EVERYTHING}\nstdio\n`);
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByText(/Connected · \d+ tools/).waitFor({ timeout: CONNECT_TIMEOUT });

    // Per-tool switches: turning "echo" off leaves one tool fewer for the agent.
    const before = Number(/Connected · (\d+) tools/.exec((await card.textContent()) ?? '')?.[1]);
    await card.locator('summary', { hasText: /^Tools/ }).click();
    const echo = card.getByRole('switch', { name: 'echo', exact: true });
    await echo.waitFor();
    await echo.uncheck({ force: true });
    await card.getByText(`Connected · ${before - 1} tools`).waitFor({ timeout: CONNECT_TIMEOUT });
    await card.getByText('1 turned off', { exact: false }).waitFor();

    // The chat header's indicator follows the same status, live.
    const session = running.core.store.createSession('With tools');
    await page.goto(`${running.host.url.split('?')[0]}#/c/${session.id}`);
    const chip = page.getByRole('button', { name: /^MCP 1\/1/ });
    await chip.waitFor();
    await chip.click();
    const popover = page.getByRole('region', { name: 'MCP servers' });
    await popover
      .getByRole('listitem', { name: 'Everything' })
      .getByText(/Connected/)
      .waitFor();

    // Turning the server off in another window reaches this one through the status events.
    const settings = await openSettingsPage(started);
    await serverCard(settings, 'Everything').getByRole('switch', { name: 'Enabled' }).uncheck({ force: true });
    await serverCard(settings, 'Everything').getByText('Disabled', { exact: true }).waitFor();
    await page.getByRole('button', { name: /^MCP off/ }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it('imports mcpServers JSON, adding the good entries and naming what is wrong with the others', async () => {
    const started = await fixture();
    const page = await openSettingsPage(started);
    const section = mcpRegion(page);
    await section.getByRole('button', { name: 'Import JSON' }).click();
    const json = {
      mcpServers: {
        tracker: { url: 'http://127.0.0.1:9/mcp', disabled: true },
        broken: { args: ['--port', '3000'] },
        typo: { command: 'npx', args: '-y some-server' },
      },
    };
    await section.getByRole('textbox', { name: 'mcpServers JSON' }).fill(JSON.stringify(json, null, 2));
    await section.getByRole('button', { name: 'Import' }).click();
    const problems = section.getByRole('list', { name: 'Import errors' });
    await problems.waitFor();
    const text = await problems.textContent();
    expect(text).toContain('"broken": Needs "command"');
    expect(text).toContain('"typo": "args" must be a list');
    await section.getByText('Added tracker.').waitFor();
    await serverCard(page, 'tracker').getByText('Disabled', { exact: true }).waitFor();

    // Text that is not JSON at all is refused as a whole, with the parser's reason.
    await section.getByRole('textbox', { name: 'mcpServers JSON' }).fill('{"mcpServers": ');
    await section.getByRole('button', { name: 'Import' }).click();
    await section.getByText('This is not valid JSON', { exact: false }).waitFor();
    expect(started.errors).toEqual([]);
  });

  it('shows why a server that crashes at start-up failed, with the tail of its stderr', async () => {
    const started = await fixture();
    const { running, errors } = started;
    await running.core.mcp.configs.add(
      AddMcpServerInput.parse({ transport: 'stdio', name: 'Demo', command: process.execPath, args: [CRASHING] }),
    );
    const page = await openSettingsPage(started);
    const card = serverCard(page, 'Demo');
    await card.getByText('Error', { exact: true }).waitFor({ timeout: CONNECT_TIMEOUT });
    expect(await card.locator('.mcp-error-reason').textContent()).toMatch(/exited with code 3/);
    await card.getByText(/Server output \(last \d+ lines?\)/).click();
    await expect
      .poll(() => card.getByLabel('Server output').textContent())
      .toContain('Error: DEMO_API_TOKEN is not set');
    await card.getByText('Navi tries again at', { exact: false }).waitFor();

    await page.goto(`${running.host.url.split('?')[0]}#/c/${running.core.store.createSession('x').id}`);
    await page.getByRole('button', { name: /^MCP 0\/1: .*1 failing/ }).waitFor();
    expect(errors).toEqual([]);
  });
});
