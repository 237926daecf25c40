import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/shared/contract';
import { useBrowserHarness } from './browserHarness';
import { reply } from '../fixtures';
import { lastReplyText, runStarted, sendMessage, startChatFixture, startProviderChat } from './chatDriver';
import { screenshotsEnabled, shoot } from './docScreenshots';

/**
 * Screenshots of the conversation views (branches, editing, waiting), light and dark, wide and
 * narrow, in docs/screenshots. Runs only when asked:
 * `NAVI_SCREENSHOTS=1 npx vitest run tests/e2e/conversationScreenshots.test.ts`.
 */
const harness = useBrowserHarness({ launch: screenshotsEnabled, fullChromium: true });

describe.skipIf(!screenshotsEnabled)('screenshots of conversations', () => {
  it('versions under messages, editing in place, a reply waiting and retrying', async () => {
    const fixture = await startChatFixture(harness);
    const { store, orchestrator } = fixture.running.core;
    const session = store.createSession('Weekend in Porto');
    const add = (role: Message['role'], text: string, parentId?: string | null) =>
      store.appendMessage({
        sessionId: session.id,
        role,
        parts: [{ type: 'text', text }],
        status: 'complete',
        origin: 'user',
        usage: role === 'assistant' ? { inputTokens: 412, outputTokens: 187 } : undefined,
        model: role === 'assistant' ? 'fixture-model' : undefined,
        ...(parentId === undefined ? {} : { parentId }),
      });
    add('user', 'Plan a weekend in Porto for two, mid-range budget.');
    add(
      'assistant',
      'Here is a relaxed plan: **Saturday** the Ribeira and a port cellar in Gaia; **Sunday** Serralves and the beach at Foz.',
    );
    const ask = add('user', 'Which port cellar should we visit?');
    add('assistant', 'Graham’s has the best view; Taylor’s has a lovely garden.', ask.id);
    const edited = add('user', 'Which port cellar is best for a first visit?', ask.parentId);
    add(
      'assistant',
      'For a first visit, **Graham’s**: the tour explains the styles well, and the terrace looks over the river.',
      edited.id,
    );
    orchestrator.sessionChanged(store.requireSession(session.id));

    const page = await fixture.open(`#/c/${session.id}`);
    await page.getByRole('group', { name: 'Versions' }).first().waitFor();
    await shoot(page, 'conversation-branches');

    await page.setViewportSize({ width: 560, height: 820 });
    await shoot(page, 'conversation-branches-narrow');
    await page.setViewportSize({ width: 1200, height: 800 });

    await page.getByRole('listitem').filter({ hasText: 'first visit?' }).getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Edit message' }).waitFor();
    await shoot(page, 'conversation-edit');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await sendMessage(page, 'And a restaurant for Saturday night?');
    await runStarted(fixture.agent, 1);
    const now = Date.now();
    fixture.agent.last.event({
      type: 'status',
      status: { phase: 'waiting', since: now - 34_000, giveUpAt: now + 86_000, attempt: 1, maxAttempts: 3 },
    });
    await page.getByText(/No reply from the model yet/).waitFor();
    await shoot(page, 'conversation-waiting');
    fixture.agent.last.event({
      type: 'status',
      status: {
        phase: 'retrying',
        attempt: 2,
        maxAttempts: 3,
        at: Date.now() + 9_000,
        giveUpAt: now + 86_000,
        reason: 'server error 503',
      },
    });
    await page.getByText(/Retrying 2 of 3 in/).waitFor();
    await page.setViewportSize({ width: 560, height: 820 });
    await shoot(page, 'conversation-retrying-narrow');
    fixture.agent.last.complete();
    expect(fixture.errors).toEqual([]);
  }, 60_000);

  it('the header: the model in use, the token total, and the conversation’s profile and instructions', async () => {
    const { open, provider, errors } = await startProviderChat(harness);
    provider.script(reply.text('The Ribeira at sunset, then dinner in Gaia.'));
    const page = await open();
    await sendMessage(page, 'One evening in Porto: where should we go?');
    await expect.poll(() => lastReplyText(page)).toBe('The Ribeira at sunset, then dinner in Gaia.');
    const model = page.getByRole('combobox', { name: 'Model' });
    await expect.poll(() => model.locator('option').count()).toBe(3);
    await model.selectOption({ label: 'fixture-small' });
    await shoot(page, 'conversation-header');
    await page.setViewportSize({ width: 560, height: 820 });
    await shoot(page, 'conversation-header-narrow');
    await page.setViewportSize({ width: 400, height: 820 });
    await shoot(page, 'conversation-header-400');
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.getByRole('button', { name: 'Profile and instructions' }).click();
    await page.getByRole('textbox', { name: 'Instructions' }).fill('Answer briefly, with one suggestion per line.');
    await shoot(page, 'conversation-instructions');
    await page.setViewportSize({ width: 560, height: 820 });
    await shoot(page, 'conversation-instructions-narrow');
    expect(errors).toEqual([]);
  }, 60_000);
});
