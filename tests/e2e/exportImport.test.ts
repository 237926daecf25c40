import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { reply } from '../fixtures';
import { exportJson, structure } from '../helpers/exports';
import { socketClient } from '../helpers/socketClient';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, openExportMenu, sendMessage, sessionIdOf, startProviderChat } from './chatDriver';

const harness = useBrowserHarness();

/** Chooses a format from the conversation's Export menu and returns the file the page saved. */
async function exportAs(page: Page, format: 'Markdown' | 'JSON' | 'All conversations') {
  await openExportMenu(page);
  const saved = page.waitForEvent('download');
  await page
    .getByRole('menu', { name: 'Export' })
    .getByRole('menuitem', { name: new RegExp(`^${format}`) })
    .click();
  const download = await saved;
  const path = await download.path();
  return { name: download.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

describe('export and import in the window (real agent, scripted provider over HTTP)', { timeout: 90_000 }, () => {
  it('Export → JSON, then Import: a new conversation equal in structure, with every branch; Markdown and Copy conversation carry the same text', async () => {
    const { open, provider, errors, running } = await startProviderChat(harness);
    provider.script(reply.text('Porto is **lovely**.'), reply.text('Porto is busy.'), reply.text('Trams until 23:00.'));
    const page = await open();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: running.host.url });
    await sendMessage(page, 'Tell me about Porto');
    await expect.poll(() => lastReplyText(page)).toBe('Porto is lovely.');
    await page
      .getByRole('list', { name: 'Messages' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('article', { name: 'Navi' }) })
      .last()
      .getByRole('button', { name: 'Regenerate' })
      .click();
    await expect.poll(() => lastReplyText(page)).toBe('Porto is busy.');
    await sendMessage(page, 'And the trams?');
    await expect.poll(() => lastReplyText(page)).toBe('Trams until 23:00.');
    const originalId = sessionIdOf(page);

    const json = await exportAs(page, 'JSON');
    expect(json.name).toMatch(/\.navi\.json$/);
    expect(JSON.parse(json.text)).toMatchObject({ format: 'navi-conversation', version: 1 });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved as JSON.' }).count()).toBe(1);

    const markdown = await exportAs(page, 'Markdown');
    expect(markdown.name).toMatch(/\.md$/);
    expect(markdown.text).toContain('Porto is **lovely**.');
    expect(markdown.text).toContain('### Branch: another version of #2');
    await openExportMenu(page);
    await page.getByRole('menuitem', { name: /^Copy conversation/ }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(markdown.text);

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('navigation', { name: 'Sidebar' }).getByRole('button', { name: 'Import' }).click();
    await (await chooser).setFiles(json.path);
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /^Imported “/ })
          .count(),
      )
      .toBe(1);
    // The imported conversation opens, showing the branch that was on screen.
    await expect.poll(() => sessionIdOf(page)).not.toBe(originalId);
    await expect.poll(() => lastReplyText(page)).toBe('Trams until 23:00.');
    await expect.poll(() => page.getByRole('group', { name: 'Versions' }).first().innerText()).toBe('2 / 2');
    const importedId = sessionIdOf(page);
    await expect
      .poll(() => page.getByRole('list', { name: 'Conversations' }).locator('.conversation-item').count())
      .toBe(2);

    const { api, close } = socketClient(running.host.port, running.host.token);
    try {
      expect(structure(await exportJson(api, importedId))).toEqual(structure(await exportJson(api, originalId)));
    } finally {
      close();
    }
    expect(errors).toEqual([]);
  });

  it('a file Navi cannot import is refused with the core’s reason, and nothing is added', async () => {
    const { open, errors } = await startProviderChat(harness);
    const page = await open();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'future.navi.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'navi-conversation', version: 7 })),
    });
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.innerText())
      .toBe(
        'Could not import “future.navi.json”: This file was exported by a newer Navi (format version 7); this Navi reads version 1. Update Navi to import it.',
      );
    expect(await page.getByRole('list', { name: 'Conversations' }).locator('.conversation-item').count()).toBe(0);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
