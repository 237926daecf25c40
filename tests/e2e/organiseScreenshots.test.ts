import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/shared/contract';
import { useBrowserHarness } from './browserHarness';
import { openExportMenu, startChatFixture } from './chatDriver';
import { screenshotsEnabled, shoot } from './docScreenshots';

/**
 * Screenshots of organising conversations: the sidebar's groups, the Export menu, Import's refusal, the Archived view, light and dark, wide
 * and narrow, in docs/screenshots. Runs only when asked:
 * `NAVI_SCREENSHOTS=1 npx vitest run tests/e2e/organiseScreenshots.test.ts`.
 */
const harness = useBrowserHarness({ launch: screenshotsEnabled, fullChromium: true });

describe.skipIf(!screenshotsEnabled)('screenshots of export, import and the sidebar', () => {
  it('the sidebar groups, the Export menu, a refused import and the Archived view', async () => {
    const fixture = await startChatFixture(harness);
    const { store, orchestrator } = fixture.running.core;
    const session = store.createSession('Weekend in Porto');
    const add = (role: Message['role'], text: string) =>
      store.appendMessage({
        sessionId: session.id,
        role,
        parts: [{ type: 'text', text }],
        status: 'complete',
        origin: 'user',
      });
    add('user', 'Plan a weekend in Porto for two, mid-range budget.');
    add(
      'assistant',
      'Here is a relaxed plan: **Saturday** the Ribeira and a port cellar in Gaia; **Sunday** Serralves.',
    );
    orchestrator.sessionChanged(store.requireSession(session.id));

    const page = await fixture.open(`#/c/${session.id}`);
    for (const title of ['Tax return', 'Garden plan']) orchestrator.sessionChanged(store.createSession(title));
    orchestrator.sessionChanged(store.setPinned(session.id, true));
    const old = store.createSession('Old notes');
    orchestrator.sessionChanged(store.setArchived(old.id, true));
    await page.getByText('Pinned', { exact: true }).waitFor();
    await shoot(page, 'sidebar-groups');

    await openExportMenu(page);
    await shoot(page, 'export-menu');
    await page.setViewportSize({ width: 560, height: 820 });
    await shoot(page, 'export-menu-narrow');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1200, height: 800 });

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import' }).click();
    await (
      await chooser
    ).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"a": 1}') });
    await page.getByRole('alert').waitFor();
    await shoot(page, 'import-refused');
    await page.getByRole('button', { name: 'Dismiss' }).click();

    await page.getByRole('link', { name: 'Archived' }).click();
    await page.getByRole('list', { name: 'Archived conversations' }).waitFor();
    await shoot(page, 'archived-view');
    expect(fixture.errors).toEqual([]);
  }, 60_000);
});
