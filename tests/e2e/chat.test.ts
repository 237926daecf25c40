import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AgentError } from '../../src/core/agent/types';
import { defaultRendererDir, startHost, type RunningHost } from '../../src/host/server';
import { projectRoot, quietLogger, type TestHost } from '../helpers/host';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, runStarted, sendMessage, sessionIdOf, startChatFixture, type ChatFixture } from './chatDriver';

const harness = useBrowserHarness();

const fixture = (): Promise<ChatFixture> => startChatFixture(harness);

function track(host: TestHost | RunningHost): void {
  harness.afterTest(() => host.close());
}

const send = (page: Page) => page.getByRole('button', { name: 'Send' });
const stop = (page: Page) => page.getByRole('button', { name: 'Stop' });

describe('chat in Chromium through the browser host', () => {
  it('streams a reply as markdown with highlighted code, then stores it', async () => {
    const { agent, open, errors } = await fixture();
    const page = await open();
    await sendMessage(page, 'Show me some code');
    await runStarted(agent, 1);
    // The conversation was created by the first message and has its own address.
    await expect.poll(() => page.url()).toMatch(/#\/c\/.+/);
    await expect.poll(() => page.getByRole('list', { name: 'Conversations' }).getByRole('listitem').count()).toBe(1);
    expect(await page.getByRole('article', { name: 'You' }).textContent()).toBe('Show me some code');

    agent.last.delta('Here is **bold** text and code:\n\n```ts\nconst ');
    await expect.poll(() => lastReplyText(page)).toContain('Here is bold text and code:');
    expect(await stop(page).isVisible()).toBe(true);
    expect(await send(page).count()).toBe(0);

    agent.last.delta('answer = 42;\n```\n\nDone.');
    await expect.poll(() => lastReplyText(page)).toContain('Done.');
    agent.last.complete();
    await send(page).waitFor();
    expect(await page.locator('[data-streamdown="strong"]').textContent()).toBe('bold');
    const code = page.locator('[data-streamdown="code-block-body"]');
    await expect.poll(() => code.innerText()).toContain('const answer = 42;');
    // Shiki colours tokens through CSS variables once the grammar has loaded.
    await expect.poll(() => code.locator('span[style*="--sdm-c: #"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('streams a long code block that arrives at once: all its text, then every line highlighted, a few a frame', async () => {
    const { agent, open, errors } = await fixture();
    const page = await open();
    await sendMessage(page, 'A long module');
    await runStarted(agent, 1);
    const lines = Array.from(
      { length: 200 },
      (_, index) => `export const value${index} = compute(${index}, "text") * 3;`,
    );
    // Far more highlighted tokens than one frame puts in (StreamingCodeBlock's LinePacer).
    agent.last.delta(`Module:\n\n\`\`\`ts\n${lines.join('\n')}\n`);
    const code = page.locator('[data-streamdown="code-block-body"]');
    await expect.poll(() => code.innerText()).toContain(lines.at(-1));
    const plainLines = () =>
      code.evaluate(
        (body) =>
          [...body.querySelectorAll('code > span')].filter((line) => !line.querySelector('span[style*="--sdm-c: #"]'))
            .length,
      );
    // Still streaming: the lines held back as plain text go in on the next frames.
    await expect.poll(plainLines, { timeout: 10_000 }).toBe(0);
    expect((await code.innerText()).split('\n').filter((line) => line.startsWith('export'))).toEqual(lines);
    agent.last.delta('```\n\nDone.');
    agent.last.complete();
    await send(page).waitFor();
    expect(await plainLines()).toBe(0);
    expect(await code.locator('code > span').count()).toBe(lines.length);
    expect(errors).toEqual([]);
  });

  it('highlights a language the worker does not carry with Shiki on the page, loaded on first use', async () => {
    const { agent, open, errors } = await fixture();
    const page = await open();
    await sendMessage(page, 'Some Haskell');
    await runStarted(agent, 1);
    agent.last.delta('In Haskell:\n\n```haskell\nmain :: IO ()\nmain = putStrLn "hello"\n```\n\nDone.');
    agent.last.complete();
    await send(page).waitFor();
    const code = page.locator('[data-streamdown="code-block-body"]');
    // Read until it holds the code: under load the body was once read empty (1 run in ~10 of the
    // file at load 14; not reproduced alone), between the reply's last frame and the next.
    await expect.poll(() => code.innerText()).toContain('main = putStrLn "hello"');
    // Shiki's page-side highlighter (and the grammar) came in as chunks of the app, under its CSP.
    await expect.poll(() => code.locator('span[style*="--sdm-c: #"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  // Two Chromium windows: on a busy machine the second one alone can take seconds to open and load.
  it(
    'shows one stream in two windows: the later one replays first, and stops it from there',
    { timeout: 60_000 },
    async () => {
      const { agent, open, watch, errors } = await fixture();
      const first = await open();
      await sendMessage(first, 'Count for me');
      await runStarted(agent, 1);
      agent.last.delta('one ');
      agent.last.delta('two ');
      await expect.poll(() => lastReplyText(first)).toBe('one two');

      const [second] = await Promise.all([
        first.waitForEvent('popup'),
        first.getByRole('button', { name: 'Open in new window' }).click(),
      ]);
      watch(second);
      expect(sessionIdOf(second)).toBe(sessionIdOf(first));
      // Wait for the window to load and show the conversation before reading it.
      await second.getByRole('article', { name: 'Navi' }).waitFor();
      // Replayed: what was streamed before the window opened.
      await expect.poll(() => lastReplyText(second)).toBe('one two');

      agent.last.delta('three');
      await expect.poll(() => lastReplyText(first)).toBe('one two three');
      await expect.poll(() => lastReplyText(second)).toBe('one two three');

      await stop(second).click();
      await expect.poll(() => agent.last.sawAbort).toBe(true);
      for (const page of [first, second]) {
        await send(page).waitFor();
        await page.getByText('Stopped — this reply is incomplete.').waitFor();
        expect(await lastReplyText(page)).toBe('one two three');
      }
      expect(errors).toEqual([]);
    },
  );

  it('Esc stops the reply', async () => {
    const { agent, open } = await fixture();
    const page = await open();
    await sendMessage(page, 'Go on and on');
    await runStarted(agent, 1);
    agent.last.delta('Going');
    await stop(page).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => agent.last.sawAbort).toBe(true);
    await send(page).waitFor();
  });

  it('resumes after a reload mid-stream with no lost or doubled text', async () => {
    const { agent, open, errors } = await fixture();
    const page = await open();
    await sendMessage(page, 'Tell me a story');
    await runStarted(agent, 1);
    agent.last.delta('Once ');
    agent.last.delta('upon ');
    await expect.poll(() => lastReplyText(page)).toBe('Once upon');

    const reloaded = page.reload();
    agent.last.delta('a ');
    await reloaded;
    agent.last.delta('time ');
    await expect.poll(() => lastReplyText(page)).toBe('Once upon a time');
    agent.last.delta('there was a host.');
    agent.last.complete();
    await send(page).waitFor();
    expect(await lastReplyText(page)).toBe('Once upon a time there was a host.');
    expect(errors).toEqual([]);
  });

  it('resumes after the host connection drops mid-stream, with no lost or doubled text', async () => {
    const { agent, open, running } = await fixture();
    const page = await open();
    await sendMessage(page, 'Keep talking');
    await runStarted(agent, 1);
    agent.last.delta('Before ');
    await expect.poll(() => lastReplyText(page)).toBe('Before');

    // The same core, behind a new server on the same port: only the window's socket is lost.
    const { port, token } = running.host;
    await running.host.close();
    await page.getByRole('status').filter({ hasText: 'reconnecting' }).waitFor({ timeout: 10_000 });
    agent.last.delta('during ');
    const again = await startHost({
      services: running.core.services,
      rendererDir: defaultRendererDir(projectRoot),
      logger: quietLogger,
      port,
      token,
    });
    track(again);
    await expect.poll(() => lastReplyText(page), { timeout: 15_000 }).toBe('Before during');
    agent.last.delta('after.');
    agent.last.complete();
    await send(page).waitFor();
    expect(await lastReplyText(page)).toBe('Before during after.');
  });

  it('shows a run error inline; Retry writes the reply again in its place, without a second prompt', async () => {
    const { agent, open, errors } = await fixture();
    const page = await open();
    await sendMessage(page, 'Summarise the news');
    await runStarted(agent, 1);
    agent.last.delta('Looking');
    agent.last.fail(new AgentError('provider', 'The provider answered 429: rate limit reached.'));
    await page.getByText('The provider answered 429: rate limit reached.').waitFor();
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.click();

    await runStarted(agent, 2);
    expect(agent.last.request.history.map((message) => [message.role, message.parts])).toEqual([
      ['user', [{ type: 'text', text: 'Summarise the news' }]],
    ]);
    agent.last.delta('Here is the summary.');
    agent.last.complete();
    await expect.poll(() => lastReplyText(page)).toBe('Here is the summary.');
    await send(page).waitFor();
    expect(await retry.count()).toBe(0);
    // The failed reply was replaced: one prompt, one reply.
    expect(await page.getByRole('article', { name: 'You' }).count()).toBe(1);
    expect(await page.getByRole('article', { name: 'Navi' }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => lastReplyText(page)).toBe('Here is the summary.');
    expect(await page.getByRole('article', { name: 'You' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('shows tool calls as cards that open to their arguments and result', async () => {
    const { agent, open } = await fixture();
    const page = await open();
    await sendMessage(page, 'What is the weather?');
    await runStarted(agent, 1);
    agent.last.event({ type: 'tool-call', toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Oslo' } });
    const card = page.locator('.tool-card').filter({ hasText: 'get_weather' });
    await card.getByText('running…').waitFor();
    agent.last.event({ type: 'tool-call', toolCallId: 'c2', toolName: 'get_forecast', input: { days: 2 } });
    agent.last.event({
      type: 'tool-result',
      toolCallId: 'c1',
      toolName: 'get_weather',
      output: { celsius: 4 },
      isError: false,
    });
    agent.last.event({
      type: 'tool-result',
      toolCallId: 'c2',
      toolName: 'get_forecast',
      output: 'Service unavailable',
      isError: true,
    });
    await card.getByText('done').waitFor();
    const failed = page.locator('.tool-card').filter({ hasText: 'get_forecast' });
    await failed.getByText('failed').waitFor();
    agent.last.delta('It is 4 °C in Oslo.');
    agent.last.complete();
    await send(page).waitFor();

    await card.locator('summary').click();
    expect(await card.innerText()).toContain('"city": "Oslo"');
    expect(await card.innerText()).toContain('"celsius": 4');
    await failed.locator('summary').click();
    expect(await failed.innerText()).toContain('Service unavailable');
  });

  it('keeps a streaming code block on its newest line, reading its height only once the page is laid out', async () => {
    const { agent, open, errors } = await fixture();
    const page = await open();
    // Reads of a code body's height other than in a ResizeObserver's callback or a scroll event (when
    // the page is laid out): in a render's commit, each made the page lay out before the frame did it again.
    await page.evaluate(`(() => {
      window.__readsOutside = 0;
      let observing = 0;
      const Observer = window.ResizeObserver;
      window.ResizeObserver = class extends Observer {
        constructor(callback) {
          super((entries, observer) => {
            observing++;
            try { callback(entries, observer); } finally { observing--; }
          });
        }
      };
      const height = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight');
      Object.defineProperty(Element.prototype, 'scrollHeight', {
        configurable: true,
        get() {
          const laidOut = observing > 0 || window.event?.type === 'scroll';
          if (!laidOut && this.matches('[data-streamdown="code-block-body"]')) window.__readsOutside++;
          return height.get.call(this);
        },
      });
    })()`);
    await sendMessage(page, 'A long script');
    await runStarted(agent, 1);
    agent.last.delta('Here:\n\n```ts\n');
    const body = page.locator('[data-streamdown="code-block-body"]');
    await body.waitFor();
    for (let index = 1; index <= 40; index++) agent.last.delta(`const line${index} = ${index};\n`);
    await expect.poll(() => body.innerText()).toContain('const line40 = 40;');
    // (Before the test's own reads below.)
    expect(await page.evaluate('window.__readsOutside')).toBe(0);
    // Taller than the body's 400 px: it scrolls, and follows its newest line.
    await expect
      .poll(() => body.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight))
      .toBeLessThan(5);
    expect(await body.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    agent.last.complete();
    expect(errors).toEqual([]);
  });

  it('follows the stream to the bottom, and stops following when the person scrolls up', async () => {
    const { agent, open } = await fixture();
    const page = await open();
    await sendMessage(page, 'A long answer please');
    await runStarted(agent, 1);
    const scroller = page.locator('.message-scroller');
    const distanceFromBottom = () =>
      scroller.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
    for (let index = 1; index <= 30; index++) agent.last.delta(`Paragraph ${index}.\n\n`);
    await expect.poll(() => lastReplyText(page)).toContain('Paragraph 30.');
    await expect.poll(distanceFromBottom).toBeLessThan(5);

    await scroller.evaluate((element) => element.scrollBy(0, -400));
    const scrolledTo = await scroller.evaluate((element) => element.scrollTop);
    for (let index = 31; index <= 40; index++) agent.last.delta(`Paragraph ${index}.\n\n`);
    await expect.poll(() => lastReplyText(page)).toContain('Paragraph 40.');
    expect(await scroller.evaluate((element) => element.scrollTop)).toBe(scrolledTo);

    await page.getByRole('button', { name: 'Jump to latest' }).click();
    agent.last.delta('The end.');
    await expect.poll(() => lastReplyText(page)).toContain('The end.');
    await expect.poll(distanceFromBottom).toBeLessThan(5);
    agent.last.complete();
  });
});
