import BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { reply } from '../fixtures';
import { socketClient } from '../helpers/socketClient';
import { useBrowserHarness } from './browserHarness';
import { startProviderChat } from './chatDriver';

const harness = useBrowserHarness();

/** The sidebar's list as it reads: group headings ("# Today") and conversation titles, in order. */
async function sidebarList(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: 'Conversations' })
    .locator('li')
    .evaluateAll((items) =>
      items
        .map((item) => ({ top: item.getBoundingClientRect().top, item }))
        .sort((a, b) => a.top - b.top)
        .map(({ item }) => {
          const heading = item.querySelector('h3');
          return heading ? `# ${heading.textContent}` : (item.querySelector('.conversation-title')?.textContent ?? '');
        }),
    );
}

const DAY = 24 * 3_600_000;

/** Links in the accessibility tree Chromium gives assistive technology: name → description. */
async function linkDescriptions(page: Page): Promise<Record<string, string>> {
  const session = await page.context().newCDPSession(page);
  const { nodes } = (await session.send('Accessibility.getFullAXTree')) as {
    nodes: { role?: { value: string }; name?: { value: string }; description?: { value: string } }[];
  };
  await session.detach();
  return Object.fromEntries(
    nodes
      .filter((node) => node.role?.value === 'link' && node.description?.value)
      .map((node) => [node.name?.value ?? '', node.description!.value]),
  );
}

describe('pin, archive, date groups and unread marks in the sidebar (Chromium)', { timeout: 90_000 }, () => {
  it('Pin puts a conversation on top in every window; Archive moves it to Archived, where Restore brings it back', async () => {
    const { open, watch, running, errors } = await startProviderChat(harness);
    const { store, orchestrator } = running.core;
    const now = Date.now();
    const info = await running.core.services.app.info(undefined, undefined as never);
    // A second connection to the same file, to date conversations in the past as if written then.
    const db = new BetterSqlite3(info.databaseFile);
    harness.afterTest(async () => void db.close());
    const made = (title: string, daysAgo: number) => {
      const session = store.createSession(title);
      db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?').run(now - daysAgo * DAY, session.id);
      return store.requireSession(session.id);
    };
    const trip = made('Trip to Porto', 0);
    made('Tax return', 3);
    made('Old notes', 30);
    orchestrator.sessionChanged(trip);

    const page = await open(`#/c/${trip.id}`);
    const other = watch(await harness.browser.newPage({ viewport: { width: 1000, height: 800 } }));
    await other.goto(running.host.url);
    for (const window of [page, other]) {
      await expect
        .poll(() => sidebarList(window))
        .toEqual(['# Today', 'Trip to Porto', '# Previous 7 days', 'Tax return', '# Older', 'Old notes']);
    }
    // The headings are for the eye; a screen reader hears each group's name on its first conversation.
    expect(await linkDescriptions(page)).toEqual({
      'Trip to Porto': 'Today',
      'Tax return': 'Previous 7 days',
      'Old notes': 'Older',
    });

    await page.getByRole('button', { name: 'Pin', exact: true }).click();
    await page.locator('.chat-header').getByRole('img', { name: 'Pinned' }).waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: 'Pin', exact: true }).getAttribute('aria-pressed'))
      .toBe('true');
    for (const window of [page, other]) {
      await expect
        .poll(() => sidebarList(window))
        .toEqual(['# Pinned', 'Trip to Porto', '# Previous 7 days', 'Tax return', '# Older', 'Old notes']);
    }

    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    for (const window of [page, other]) {
      await expect.poll(() => sidebarList(window)).toEqual(['# Previous 7 days', 'Tax return', '# Older', 'Old notes']);
    }
    // The open conversation says it is archived, and can be restored from there too.
    await expect.poll(() => page.getByRole('button', { name: 'Restore', exact: true }).count()).toBe(1);

    await other.getByRole('link', { name: 'Archived' }).click();
    const archived = other.getByRole('list', { name: 'Archived conversations' });
    await expect.poll(() => archived.getByRole('link').allInnerTexts()).toEqual(['Trip to Porto']);
    await archived.getByRole('button', { name: 'Restore Trip to Porto' }).click();
    await expect.poll(() => other.getByText('No archived conversations.').count()).toBe(1);
    for (const window of [page, other]) {
      // Restored, it is still pinned.
      await expect
        .poll(() => sidebarList(window))
        .toEqual(['# Pinned', 'Trip to Porto', '# Previous 7 days', 'Tax return', '# Older', 'Old notes']);
    }
    expect(errors).toEqual([]);
  });

  it('a recall that replies in a conversation no window shows marks it unread; opening it clears the mark everywhere', async () => {
    const { open, watch, running, provider, errors } = await startProviderChat(harness);
    provider.setDefaultReply(reply.text('The deploy finished.'));
    const { store, orchestrator } = running.core;
    const deploy = store.createSession('Deploy');
    orchestrator.sessionChanged(deploy);
    const page = await open();
    const other = watch(await harness.browser.newPage({ viewport: { width: 1000, height: 800 } }));
    await other.goto(running.host.url);
    const unreadMark = (window: Page) =>
      window.getByRole('list', { name: 'Conversations' }).getByRole('img', { name: 'unread' }).count();

    const { api, close } = socketClient(running.host.port, running.host.token);
    try {
      const recall = await api.recalls.create({
        sessionId: deploy.id,
        schedule: { kind: 'once', at: Date.now() + 3_600_000 },
        message: 'Check the deploy',
      });
      await api.recalls.runNow({ id: recall.id });
    } finally {
      close();
    }
    for (const window of [page, other]) await expect.poll(() => unreadMark(window), { timeout: 15_000 }).toBe(1);

    await page.getByRole('link', { name: 'Deploy' }).click();
    for (const window of [page, other]) await expect.poll(() => unreadMark(window)).toBe(0);
    expect(store.requireSession(deploy.id).unread).toBe(false);
    expect(errors).toEqual([]);
  });
});
