import { describe, expect, it } from 'vitest';
import { reply } from '../fixtures';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, sendMessage, startProviderChat } from './chatDriver';

const harness = useBrowserHarness();

describe('math in replies (KaTeX through Streamdown, real provider stream)', { timeout: 60_000 }, () => {
  it('$E = mc^2$ shows as a formula, with KaTeX fonts loaded under the CSP', async () => {
    const { open, provider, errors } = await startProviderChat(harness);
    provider.script(reply.text(['Einstein: $E = ', 'mc^2$ and in a block:\n\n$$\n\\int_0^1 x\\,dx = \\tfrac12\n$$\n']));
    const page = await open();
    await sendMessage(page, 'The famous formula?');
    const replyArticle = page.getByRole('article', { name: 'Navi' }).last();
    await expect.poll(() => replyArticle.locator('.katex').count(), { timeout: 15_000 }).toBe(2);
    // The formula is typeset (a superscript 2), not shown as dollars and a caret.
    expect(await replyArticle.locator('.katex').first().locator('.msupsub').count()).toBe(1);
    expect(await replyArticle.locator('.katex-display').count()).toBe(1);
    expect(await lastReplyText(page)).not.toContain('$');
    // KaTeX's own font is loaded: the CSP lets the app's fonts in.
    await page.evaluate('document.fonts.ready');
    expect(await page.evaluate("document.fonts.check('16px KaTeX_Main')")).toBe(true);
    expect(
      await page.evaluate(
        "[...document.fonts].some((font) => font.family.includes('KaTeX') && font.status === 'loaded')",
      ),
    ).toBe(true);
    expect(errors).toEqual([]);
  });

  it('typesets formulas once KaTeX loads after its chunk failed to load the first time', async () => {
    const { open, provider } = await startProviderChat(harness);
    const page = await open();
    // KaTeX's chunk fails once, as a dropped connection would fail it.
    const katexChunk = /\/assets\/rehype-katex-[^/]*\.js$/;
    await page.route(katexChunk, (route) => route.abort('connectionreset'));
    provider.script(reply.text(['First: $E = mc^2$']));
    await sendMessage(page, 'A formula?');
    const replies = page.getByRole('article', { name: 'Navi' });
    // Until KaTeX is in, a formula shows as its TeX.
    await expect.poll(() => lastReplyText(page)).toContain('First: E = mc^2');
    expect(await replies.last().locator('.katex').count()).toBe(0);

    await page.unroute(katexChunk);
    provider.script(reply.text(['Second: $a^2$']));
    await sendMessage(page, 'Another?');
    // The next formula asks for KaTeX again; both replies are typeset once it is in.
    await expect.poll(() => page.locator('.katex').count(), { timeout: 15_000 }).toBe(2);
  });
});
