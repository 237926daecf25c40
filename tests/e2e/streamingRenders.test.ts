import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserHarness } from './browserHarness';
import { lastReplyText, runStarted, sendMessage, startChatFixture } from './chatDriver';

const harness = useBrowserHarness();

/**
 * Installed before the page's scripts: React DOM reports every commit to a DevTools hook. After each
 * commit, the pieces of the last reply's markdown (the children of its `.markdown` element) are
 * read off the committed tree: a piece rendered in that commit has a props object it did not have
 * at the commit before (a piece React skipped keeps its props object).
 */
const RENDER_PROBE = `(() => {
  const seen = new Map();
  const log = [];
  window.__pieceRenders = log;
  const markdownOfLastReply = () => {
    const replies = document.querySelectorAll('article[aria-label="Navi"] .markdown');
    return replies[replies.length - 1];
  };
  const find = (fiber, node) => {
    const stack = [fiber];
    while (stack.length) {
      const at = stack.pop();
      if (at.stateNode === node) return at;
      if (at.sibling) stack.push(at.sibling);
      if (at.child) stack.push(at.child);
    }
    return undefined;
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_id, root) => {
      const node = markdownOfLastReply();
      const host = node && find(root.current, node);
      if (!host) return;
      const rendered = [];
      let total = 0;
      const visit = (first) => {
        for (let piece = first; piece; piece = piece.sibling) {
          // A nested list of elements is a fragment: its elements are pieces too.
          if (piece.tag === 7) {
            visit(piece.child);
            continue;
          }
          total++;
          if (seen.get(piece.key) !== piece.memoizedProps) rendered.push(piece.key);
          seen.set(piece.key, piece.memoizedProps);
        }
      };
      visit(host.child);
      log.push({ total, rendered });
    },
  };
})();`;

/** A page element as the tests below touch it (the Node type check has no DOM types). */
interface Marked {
  readonly dataset: Record<string, string | undefined>;
}

interface Commit {
  readonly total: number;
  readonly rendered: readonly string[];
}

const commits = (page: Page): Promise<Commit[]> => page.evaluate('window.__pieceRenders') as Promise<Commit[]>;

describe('a streaming reply in Chromium', () => {
  it('re-renders only its last piece as text arrives, however many pieces settled above it', async () => {
    const { agent, open, errors } = await startChatFixture(harness);
    const page = await open();
    await page.addInitScript(RENDER_PROBE);
    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await sendMessage(page, 'A long answer');
    await runStarted(agent, 1);

    // Settled pieces of each kind: paragraphs (plain and marked up), lists, headings, code blocks.
    const sections = Array.from({ length: 12 }, (_, index) =>
      [
        `### Part ${index}`,
        '',
        `Plain prose ${index} that needs no parse.`,
        '',
        `Some **bold** and \`code\` in part ${index}.`,
        '',
        `- first ${index}`,
        `- second ${index}`,
        '',
        '```ts',
        `const part${index} = ${index};`,
        '```',
        '',
      ].join('\n'),
    );
    agent.last.delta(`${sections.join('\n')}The last paragraph grows`);
    await expect.poll(() => lastReplyText(page)).toContain('The last paragraph grows');
    await expect.poll(async () => (await commits(page)).at(-1)?.total).toBeGreaterThan(60);
    const before = (await commits(page)).length;

    for (const word of ['one', 'two', 'three', 'four', 'five']) {
      agent.last.delta(` word ${word}`);
      await expect.poll(() => lastReplyText(page)).toContain(`word ${word}`);
    }
    const later = (await commits(page)).slice(before);
    expect(later.length).toBeGreaterThan(0);
    const total = later[0]!.total;
    for (const commit of later) {
      // The same pieces; only the last (the growing paragraph) rendered.
      expect(commit.total).toBe(total);
      for (const key of commit.rendered) expect(key).toBe(String(total - 1));
    }
    expect(later.some((commit) => commit.rendered.length === 1)).toBe(true);

    agent.last.complete();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('keeps the pieces that settle mounted: a code block that closes keeps its lines', async () => {
    const { agent, open, errors } = await startChatFixture(harness);
    const page = await open();
    await sendMessage(page, 'Some code');
    await runStarted(agent, 1);
    const lines = Array.from({ length: 30 }, (_, index) => `const value${index} = ${index};`);
    agent.last.delta(`Here:\n\n\`\`\`ts\n${lines.join('\n')}\n`);
    const code = page.getByRole('article', { name: 'Navi' }).last().locator('[data-streamdown="code-block-body"] code');
    await expect.poll(() => code.innerText()).toContain(lines.at(-1));
    // Every line highlighted while it streams (no plain line left).
    await expect
      .poll(() => code.evaluate((element) => element.querySelectorAll('span[style*="--sdm-c: #"]').length), {
        timeout: 10_000,
      })
      .toBeGreaterThan(lines.length);
    await code.evaluate((element) => {
      for (const line of element.children) (line as Marked).dataset.before = 'yes';
    });
    agent.last.delta('```\n\nAfter the code.');
    await expect.poll(() => lastReplyText(page)).toContain('After the code.');
    agent.last.complete();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    // The settled block is the one that streamed: the same line elements, none made again.
    expect(
      await code.evaluate((element) => [...element.children].filter((line) => !(line as Marked).dataset.before).length),
    ).toBe(0);
    expect(await code.evaluate((element) => element.children.length)).toBe(lines.length);
    expect(errors).toEqual([]);
  });
});
