import { describe, expect, it } from 'vitest';
import { AgentError } from '../../src/core/agent/types';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, runStarted, sendMessage, sessionIdOf, startChatFixture } from './chatDriver';
import { screenshotsEnabled, shoot } from './docScreenshots';

/**
 * Writes the screenshots in docs/screenshots (light and dark). Runs only when asked:
 * `NAVI_SCREENSHOTS=1 npx vitest run tests/e2e/screenshots.test.ts`.
 */
const harness = useBrowserHarness({ launch: screenshotsEnabled, fullChromium: true });

const REPLY = `Here is a small **TypeScript** helper that retries a promise with exponential backoff:

\`\`\`ts
export async function retry<T>(task: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));
    }
  }
}
\`\`\`

A few notes:

1. The delay doubles on every attempt (\`200 ms\`, \`400 ms\`, …).
2. The last error is re-thrown, so callers still see *why* it failed.

| Attempt | Delay |
| ------- | ----- |
| 1       | 200 ms |
| 2       | 400 ms |

> Tip: add jitter when many clients retry at once.
`;

describe.skipIf(!screenshotsEnabled)('screenshots of the main views', () => {
  it('chat, new chat with first-start setup, settings', async () => {
    const fixture = await startChatFixture(harness);
    const { agent } = fixture;
    const page = await fixture.open();

    await shoot(page, 'new-chat-setup');

    await sendMessage(page, 'Write a retry helper in TypeScript with backoff.');
    await runStarted(agent, 1);
    agent.last.event({ type: 'tool-call', toolCallId: 't1', toolName: 'search_docs', input: { query: 'backoff' } });
    agent.last.event({
      type: 'tool-result',
      toolCallId: 't1',
      toolName: 'search_docs',
      output: { hits: 2, top: 'Exponential backoff and jitter' },
      isError: false,
    });
    agent.last.delta(REPLY);
    agent.last.complete();
    await expect.poll(() => lastReplyText(page)).toContain('add jitter');

    const sessionId = sessionIdOf(page);
    const { store, orchestrator } = fixture.running.core;
    orchestrator.sessionChanged(store.renameSession(sessionId, 'Retry helper with backoff'));
    orchestrator.sessionChanged(store.createSession('Weekly inbox summary'));
    orchestrator.sessionChanged(store.createSession('Trip to Lisbon'));
    const recall = fixture.running.core.orchestrator.startRun(
      sessionId,
      'Check whether the nightly deploy finished.',
      'recall',
    );
    await runStarted(agent, 2);
    agent.last.delta('The nightly deploy finished at 02:14 — all 38 checks passed.');
    agent.last.complete();
    await recall.done;

    await sendMessage(page, 'And now summarise the release notes.');
    await runStarted(agent, 3);
    agent.last.delta('Reading the release notes');
    agent.last.fail(
      new AgentError('provider', 'The provider answered 429: rate limit reached. Try again in a minute.'),
    );
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    await page.locator('.message-scroller').evaluate((element) => element.scrollTo(0, 1e9));
    await shoot(page, 'chat-recall-error');
    await page.locator('.tool-card summary').first().click();
    await page.locator('.message-scroller').evaluate((element) => element.scrollTo(0, 0));
    await shoot(page, 'chat');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Ollama on this computer');
    await page.getByRole('textbox', { name: 'Base URL' }).fill('http://127.0.0.1:9/v1');
    await page.getByRole('button', { name: 'Add provider' }).click();
    const card = page.getByRole('listitem', { name: 'Ollama on this computer' });
    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.getByRole('status').waitFor();
    await page.getByRole('combobox', { name: 'Model' }).fill('llama3.2');
    await shoot(page, 'settings');

    await page.getByRole('button', { name: 'About' }).click();
    await page.getByRole('region', { name: 'About Navi' }).waitFor();
    await shoot(page, 'about');
    expect(fixture.errors).toEqual([]);
  }, 60_000);
});
