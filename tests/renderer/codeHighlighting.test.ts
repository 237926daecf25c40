import python from '@shikijs/langs/python';
import typescript from '@shikijs/langs/typescript';
import githubDark from '@shikijs/themes/github-dark';
import githubLight from '@shikijs/themes/github-light';
import type { HighlightResult } from '@streamdown/code';
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ContinuedTokeniser } from '../../src/renderer/src/markdown/highlight/continuedTokens';
import type { HighlightRequest, HighlightResponse } from '../../src/renderer/src/markdown/highlight/highlightProtocol';
import { WORKER_THEMES } from '../../src/renderer/src/markdown/highlight/highlightProtocol';
import { LinePacer } from '../../src/renderer/src/markdown/highlight/pacedLines';
import { LineStabiliser } from '../../src/renderer/src/markdown/highlight/stableLines';
import { createWorkerCodePlugin } from '../../src/renderer/src/markdown/highlight/workerCodePlugin';
import { deltasOf, openCodeFence } from '../fixtures/adversarialMarkdown';

let shiki: HighlighterCore;
beforeAll(async () => {
  shiki = await createHighlighterCore({
    themes: [githubLight, githubDark],
    langs: [typescript, python],
    engine: createJavaScriptRegexEngine({ forgiving: true }),
  });
});

// No time limit per line: Shiki's default (500 ms) ends a line's tokenising early, leaving the rest
// of it plain, when the machine is loaded (the first line compiles the grammar's patterns): the two
// sides compared here would then differ by the machine's load, not by the code under test.
const UNTIMED = { themes: WORKER_THEMES, tokenizeTimeLimit: 0 };
const oneShot = (code: string, lang: string) => shiki.codeToTokens(code, { lang, ...UNTIMED }).tokens;
const tokeniser = () =>
  new ContinuedTokeniser((text, lang, grammarState) => shiki.codeToTokens(text, { lang, ...UNTIMED, grammarState }));

/** A block whose tokens depend on state carried across lines: comments, strings and templates that span lines. */
const TRICKY_TS = [
  'const a = `first line',
  '  ${value} second',
  'end`;',
  '',
  '/* a comment',
  '',
  '   spanning lines */ const b = "x";',
  'function f(x: number): string {',
  '  return x > 1 ? "big" : /re[g]ex/.test(String(x)) ? \'y\' : `z`;',
  '}',
  '',
  '',
  'export default f;',
].join('\n');

/** The versions of `code` a stream shows: every prefix ending at a delta boundary (without trailing newlines, as blocks are highlighted). */
function versions(code: string, max: number): string[] {
  let text = '';
  return deltasOf(code, max).map((delta) => (text += delta).replace(/\n+$/, ''));
}

describe('ContinuedTokeniser', () => {
  it('gives every version of a growing block the tokens a whole-block tokenisation gives', () => {
    for (const [code, lang, max] of [
      [TRICKY_TS, 'typescript', 7],
      [openCodeFence(2_500).split('```ts\n')[1]!, 'typescript', 300],
      ['def f(x):\n    """doc\n    more doc"""\n    return x\n\nprint(f(1))\n', 'python', 5],
    ] as const) {
      const continued = tokeniser();
      let held: HighlightResult['tokens'] = [];
      for (const version of versions(code, max)) {
        // As the page asks: it holds the earlier version's lines but its last.
        const from = Math.max(0, held.length - 1);
        const answer = continued.tokens(version, lang, from);
        expect(answer.from).toBeLessThanOrEqual(from);
        held = [...held.slice(0, answer.from), ...answer.result.tokens];
        expect(held).toEqual(oneShot(version, lang));
      }
    }
  });

  it('starts over for a block that is not a continuation, and for text with carriage returns', () => {
    const continued = tokeniser();
    continued.tokens('const a = 1;\nconst b = "two', 'typescript', 0);
    const other = 'let c = `x\ny`;\nlet d = 4;';
    expect(continued.tokens(other, 'typescript', 0).result.tokens).toEqual(oneShot(other, 'typescript'));
    const crlf = 'const a = 1;\r\nconst b = 2;\r\nconst c';
    expect(continued.tokens(crlf, 'typescript', 0).result.tokens).toEqual(oneShot(crlf, 'typescript'));
    expect(continued.tokens(`${crlf} = 3;`, 'typescript', 0).result.tokens).toEqual(
      oneShot(`${crlf} = 3;`, 'typescript'),
    );
  });
});

describe('LineStabiliser', () => {
  it('keeps equal lines, recognises lines seen before by identity, and gives changed lines back as they are', () => {
    const stabiliser = new LineStabiliser();
    const line = (content: string) => [{ content, offset: 0, color: '#000' }];
    const first = stabiliser.stabilise([line('a'), line('b')]);
    const copies = [line('a'), line('b'), line('c')];
    const second = stabiliser.stabilise(copies);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).toBe(copies[2]);
    const changed = line('B');
    const third = stabiliser.stabilise([copies[0]!, changed, copies[2]!]);
    expect(third).toEqual([first[0], changed, copies[2]]);
    expect(third[0]).toBe(first[0]);
    expect(third[1]).toBe(changed);
  });
});

/** The worker, in process: the same tokeniser behind the same messages, answering on a later task. */
class InProcessWorker {
  onmessage: ((event: MessageEvent<HighlightResponse>) => void) | null = null;
  onerror: (() => void) | null = null;
  readonly requests: HighlightRequest[] = [];
  private readonly continued = tokeniser();

  postMessage(request: HighlightRequest): void {
    this.requests.push(request);
    const answer = this.continued.tokens(request.code, request.language, request.from);
    // What crosses to the page is a copy.
    const data = structuredClone({ id: request.id, ...answer }) as HighlightResponse;
    setTimeout(() => this.onmessage?.({ data } as MessageEvent<HighlightResponse>));
  }

  terminate(): void {}
}

describe('the worker code plugin', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks only for the lines after those it holds, and its answers equal a whole-block tokenisation', async () => {
    let worker: InProcessWorker | undefined;
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          worker = new InProcessWorker();
          return worker;
        }
      },
    );
    const plugin = createWorkerCodePlugin();
    let text = '';
    let previous: HighlightResult | undefined;
    for (const delta of deltasOf(TRICKY_TS, 9)) {
      text += delta;
      const code = text.replace(/\n+$/, '');
      const answer = await new Promise<HighlightResult>((resolve) => {
        const ready = plugin.highlight(
          { code, language: 'ts' as never, themes: ['github-light', 'github-dark'], isIncomplete: true },
          resolve,
        );
        expect(ready === null || ready.tokens.length === code.split('\n').length).toBe(true);
      });
      expect(answer.tokens).toEqual(oneShot(code, 'typescript'));
      if (previous) {
        const kept = previous.tokens.length - 1;
        expect(worker!.requests.at(-1)!.from).toBe(kept);
        // The lines it held are the very same objects (memoised line groups skip them).
        for (let index = 0; index < kept; index++) expect(answer.tokens[index]).toBe(previous.tokens[index]);
      }
      previous = answer;
    }
  });
});

describe('LinePacer', () => {
  const text = (lines: readonly HighlightResult['tokens'][number][]) =>
    lines.map((line) => line.map((token) => token.content).join(''));
  const tokensOf = (lines: readonly HighlightResult['tokens'][number][], shown: readonly unknown[]) =>
    lines.filter((line, index) => line !== shown[index] && line.length > 1).reduce((sum, line) => sum + line.length, 0);

  it('shows every line’s text at once, puts in at most its budget of new tokens per update, newest first, and ends on the lines given', () => {
    const code = openCodeFence(4_000).split('```ts\n')[1]!.replace(/\n+$/, '');
    const lines = oneShot(code, 'typescript');
    const pacer = new LinePacer(50);
    let shown: readonly HighlightResult['tokens'][number][] = [];
    let pending = true;
    let updates = 0;
    while (pending) {
      const step = pacer.pace(lines);
      expect(text(step.lines)).toEqual(text(lines));
      const added = tokensOf(step.lines, shown);
      // A line longer than the budget goes in alone; otherwise the budget holds.
      expect(
        added <= 50 || step.lines.filter((line, index) => line !== shown[index] && line.length > 1).length === 1,
      ).toBe(true);
      if (updates === 0) expect(step.lines.at(-1)).toBe(lines.at(-1));
      pacer.shows(step.lines);
      shown = step.lines;
      pending = step.pending;
      updates++;
      expect(updates).toBeLessThan(lines.length);
    }
    expect(updates).toBeGreaterThan(1);
    expect(shown).toEqual(lines);
    shown.forEach((line, index) => expect(line).toBe(lines[index]));
    // Nothing new: nothing held back, the same lines.
    const again = pacer.pace(lines);
    expect(again.pending).toBe(false);
    again.lines.forEach((line, index) => expect(line).toBe(lines[index]));
  });

  it('keeps a held-back line’s plain stand-in while its text is the same', () => {
    const lines = oneShot('const a = 1;\nconst b = 2;\nconst c = 3;', 'typescript');
    const pacer = new LinePacer(1);
    const first = pacer.pace(lines);
    expect(first.pending).toBe(true);
    const second = pacer.pace(lines);
    expect(second.lines[0]).toBe(first.lines[0]);
    expect(second.lines[0]).toEqual([{ content: 'const a = 1;', offset: 0 }]);
  });
});
