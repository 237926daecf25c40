import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AddMcpServerInput } from '../../src/shared/contract';
import { projectRoot } from '../helpers/host';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, runStarted, sendMessage, startChatFixture } from './chatDriver';
import { screenshotsEnabled, shoot } from './docScreenshots';

/**
 * Writes the screenshots of the MCP and app settings and of the chat header's MCP indicator into
 * docs/screenshots (light and dark). Runs only when asked:
 * `NAVI_SCREENSHOTS=1 npx vitest run tests/e2e/settings-screenshots.test.ts`.
 */
const mcpDir = join(projectRoot, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist');
const EVERYTHING = join(mcpDir, 'index.js');
const CRASHING = join(projectRoot, 'tests', 'fixtures', 'mcp', 'crashAtStartup.mjs');
const harness = useBrowserHarness({ launch: screenshotsEnabled, fullChromium: true });

/** Scrolls the settings so that a section's heading is at the top of the window. */
async function scrollTo(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { name: heading }).evaluate((element) => {
    const scroller = element.closest('.settings-view');
    if (scroller) scroller.scrollTop += element.getBoundingClientRect().top - 20;
  });
}

/** server-everything's own tiny PNG (the MCP logo), as its get-tiny-image tool returns it. */
function tinyImage(): string {
  const source = readFileSync(join(mcpDir, 'tools', 'get-tiny-image.js'), 'utf8');
  const match = /MCP_TINY_IMAGE = "([A-Za-z0-9+/=]+)"/.exec(source);
  if (!match?.[1]) throw new Error('MCP_TINY_IMAGE not found in server-everything');
  return match[1];
}

describe.skipIf(!screenshotsEnabled)('screenshots of the MCP and app settings', () => {
  it('MCP indicator in the chat header, MCP servers, the add form, the app section', async () => {
    const fixture = await startChatFixture(harness);
    const { agent, running } = fixture;
    const addServer = (input: AddMcpServerInput) => running.core.mcp.configs.add(AddMcpServerInput.parse(input));
    await addServer({ transport: 'stdio', name: 'Everything', command: process.execPath, args: [EVERYTHING, 'stdio'] });
    await addServer({ transport: 'stdio', name: 'Demo API', command: 'node', args: [CRASHING] });
    await addServer({
      transport: 'http',
      name: 'Issue tracker',
      url: 'https://tracker.example.com/mcp',
      headers: [{ name: 'Authorization', value: 'Bearer ${TRACKER_TOKEN}' }],
      enabled: false,
    });

    const page = await fixture.open();
    await sendMessage(page, 'Show me the MCP logo from the Everything server.');
    await runStarted(agent, 1);
    agent.last.event({ type: 'tool-call', toolCallId: 't1', toolName: 'everything__get-tiny-image', input: {} });
    agent.last.event({
      type: 'tool-result',
      toolCallId: 't1',
      toolName: 'everything__get-tiny-image',
      output: {
        content: [
          { type: 'text', text: "Here's the image you requested:" },
          { type: 'image', mimeType: 'image/png', data: tinyImage() },
          { type: 'text', text: 'The image above is the MCP logo.' },
        ],
      },
      isError: false,
    });
    agent.last.delta('Here is the **MCP logo**, as the Everything server returned it (shown in the tool card above).');
    agent.last.complete();
    await expect.poll(() => lastReplyText(page)).toContain('tool card above');
    const [session] = running.core.store.listSessions();
    if (session) running.core.orchestrator.sessionChanged(running.core.store.renameSession(session.id, 'MCP logo'));
    await page.getByRole('heading', { name: 'MCP logo' }).waitFor();
    await page.locator('.tool-card summary').first().click();

    const chip = page.getByRole('button', { name: /^MCP 1\/2/ });
    await chip.waitFor({ timeout: 20_000 });
    await chip.click();
    await page.getByRole('region', { name: 'MCP servers' }).getByText('Error').waitFor({ timeout: 20_000 });
    await shoot(page, 'mcp-indicator');

    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Settings' }).click();
    await scrollTo(page, 'MCP servers');
    const servers = page.getByRole('list', { name: 'MCP servers' });
    await servers.getByText(/Connected · \d+ tools/).waitFor({ timeout: 20_000 });
    const demo = servers.getByRole('listitem', { name: 'Demo API' });
    await demo.getByText(/Server output/).click();
    await scrollTo(page, 'MCP servers');
    await shoot(page, 'settings-mcp');

    const everything = servers.getByRole('listitem', { name: 'Everything' });
    await demo.getByText(/Server output/).click();
    await everything.locator('summary', { hasText: /^Tools/ }).click();
    await everything.getByRole('switch', { name: 'echo', exact: true }).waitFor();
    await everything.getByRole('switch', { name: 'get-sum', exact: true }).uncheck({ force: true });
    await everything.getByText('1 turned off', { exact: false }).waitFor();
    await everything.evaluate((element) => {
      const scroller = element.closest('.settings-view');
      if (scroller) scroller.scrollTop += element.getBoundingClientRect().top - 20;
    });
    await shoot(page, 'settings-mcp-tools');

    const section = page.getByRole('region', { name: 'MCP servers' });
    await everything.locator('summary', { hasText: /^Tools/ }).click();
    await section.getByRole('button', { name: 'Add server' }).click();
    await section.getByRole('textbox', { name: 'Name' }).fill('Files');
    await section.getByRole('textbox', { name: 'Command' }).fill('npx');
    await section
      .getByRole('textbox', { name: 'Arguments' })
      .fill('-y\n@modelcontextprotocol/server-filesystem\n/home/me/notes');
    await section.getByRole('button', { name: 'Add variable' }).click();
    await section.getByRole('textbox', { name: 'variable 1 name' }).fill('LOG_LEVEL');
    await section.getByLabel('variable 1 value').fill('${LOG_LEVEL}');
    await section.getByRole('heading', { name: 'Add an MCP server' }).evaluate((element) => {
      const scroller = element.closest('.settings-view');
      if (scroller) scroller.scrollTop += element.getBoundingClientRect().top - 20;
    });
    await shoot(page, 'settings-mcp-form');

    await section.getByRole('button', { name: 'Cancel' }).click();
    await section.getByRole('button', { name: 'Import JSON' }).click();
    await section
      .getByRole('textbox', { name: 'mcpServers JSON' })
      .fill(
        [
          '{',
          '  "mcpServers": {',
          '    "github": {',
          '      "command": "npx",',
          '      "args": ["-y", "@modelcontextprotocol/server-github"],',
          '      "env": { "GITHUB_TOKEN": "${GITHUB_TOKEN}" }',
          '    },',
          '    "broken": { "args": ["--port", "3000"] }',
          '  }',
          '}',
        ].join('\n'),
      );
    await section.getByRole('button', { name: 'Import' }).click();
    await section.getByRole('list', { name: 'Import errors' }).waitFor();
    await section.getByRole('heading', { name: 'Import MCP servers' }).evaluate((element) => {
      const scroller = element.closest('.settings-view');
      if (scroller) scroller.scrollTop += element.getBoundingClientRect().top - 20;
    });
    await shoot(page, 'settings-mcp-import');

    await section.getByRole('button', { name: 'Cancel' }).click();
    await scrollTo(page, 'App');
    await shoot(page, 'settings-app');
    expect(fixture.errors).toEqual([]);
  }, 90_000);
});
