import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS, messageTooLong } from '../../src/shared/contract/limits';
import { startTestHost } from '../helpers/host';
import { collectPageErrors, useBrowserHarness } from './browserHarness';
import { startChatFixture } from './chatDriver';

const harness = useBrowserHarness();

// Filling the composer with 100,000 characters takes a while on a busy machine.
describe('boundaries in Chromium through the browser host', { timeout: 60_000 }, () => {
  it('refuses an over-long message in the composer, with the limit, before sending anything', async () => {
    const { agent, open, running, errors } = await startChatFixture(harness);
    const page = await open();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('a'.repeat(MAX_MESSAGE_CHARS + 1));
    await box.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(messageTooLong(MAX_MESSAGE_CHARS + 1));
    // Nothing left the page: no conversation, no run, and the text is still there to shorten.
    expect(agent.runs).toHaveLength(0);
    expect(running.core.store.listSessions()).toHaveLength(0);
    expect((await box.inputValue()).length).toBe(MAX_MESSAGE_CHARS + 1);

    await box.fill('a'.repeat(MAX_MESSAGE_CHARS));
    await box.press('Enter');
    await expect.poll(() => agent.runs.length).toBe(1);
    expect(errors).toEqual([]);
  });

  it('keeps the pages of a first host signed in when a second host starts on another port', async () => {
    const first = await startTestHost(harness.tempDir());
    harness.afterTest(() => first.close());
    const second = await startTestHost(harness.tempDir());
    harness.afterTest(() => second.close());
    // One browser profile: one cookie jar for every port of 127.0.0.1.
    const context = await harness.browser.newContext();
    harness.afterTest(() => context.close());
    const errors: string[] = [];
    const pageA = await context.newPage();
    collectPageErrors(pageA, errors);
    await pageA.goto(first.host.url);
    await pageA.getByRole('textbox', { name: 'Message' }).waitFor();
    const pageB = await context.newPage();
    await pageB.goto(second.host.url);
    await pageB.getByRole('textbox', { name: 'Message' }).waitFor();

    // The first page's address no longer has the token; reloading it authenticates with its cookie.
    expect(pageA.url()).not.toContain('token=');
    const reloaded = await pageA.reload();
    expect(reloaded?.status()).toBe(200);
    await pageA.getByRole('textbox', { name: 'Message' }).waitFor();
    const cookies = (await context.cookies()).map((cookie) => cookie.name).sort();
    expect(cookies).toEqual([first.host.cookieName, second.host.cookieName].sort());
    expect(errors).toEqual([]);
  });
});
