import { createElement, Fragment, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import remend from 'remend';
import { Block, defaultComponents, StreamdownContext, type Components } from 'streamdown';
import { unified } from 'unified';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { benchReply } from '../../bench/renderer/content';
import { longLineParagraph } from '../fixtures/adversarialMarkdown';
import {
  BLOCK_REHYPE_PLUGINS,
  BLOCK_REMARK_PLUGINS,
  markdownContext,
} from '../../src/renderer/src/markdown/markdownOptions';
import { SegmentedParagraph } from '../../src/renderer/src/markdown/SegmentedParagraph';
import { SettledBlockSplitter, type ParagraphSegment } from '../../src/renderer/src/markdown/settledBlockSplitter';
import { isClosedByParse, isClosedParagraph } from '../../src/renderer/src/markdown/inlineClosure';
import { renderInline, simpleInline } from '../../src/renderer/src/markdown/simpleInline';

/** What a paragraph run renders parsed: Streamdown's Block, its `<p>` unwrapped (as SegmentedParagraph's runs). */
const RUN_COMPONENTS = { ...defaultComponents, p: Fragment } as unknown as Components;
/** As SegmentedParagraph renders its runs: inside Streamdown's context (links read their safety from it). */
const CONTEXT = markdownContext(false);
function inContext(element: ReactElement): string {
  return renderToStaticMarkup(createElement(StreamdownContext.Provider, { value: CONTEXT }, element));
}

function parsed(content: string): string {
  return inContext(
    createElement(Block, {
      content,
      index: 0,
      isIncomplete: false,
      shouldParseIncompleteMarkdown: false,
      shouldNormalizeHtmlIndentation: false,
      components: RUN_COMPONENTS,
      remarkPlugins: BLOCK_REMARK_PLUGINS,
      rehypePlugins: BLOCK_REHYPE_PLUGINS,
    }),
  );
}

function fast(content: string): string | undefined {
  const nodes = simpleInline(content);
  return nodes && inContext(createElement(Fragment, null, ...renderInline(nodes)));
}

/** Every call of a unified processor's parse (remark-parse: Streamdown's parse of markdown) while `run` runs. */
function parsesDuring(run: () => void): number {
  const parse = vi.spyOn(Object.getPrototypeOf(unified()) as { parse: (value: string) => unknown }, 'parse');
  try {
    run();
    return parse.mock.calls.length;
  } finally {
    parse.mockRestore();
  }
}

/** Thousands of renders: seconds, more on a busy machine. */
const SLOW = { timeout: 90_000 };

describe('a paragraph of prose with bold, italics and inline code', () => {
  it('is read from its text, without a parse', () => {
    expect(simpleInline('Keeps **state 3** small, uses `step3()` and *then*\nthe next one.\n\n')).toEqual([
      'Keeps ',
      { tag: 'strong', text: 'state 3' },
      ' small, uses ',
      { tag: 'code', text: 'step3()' },
      ' and ',
      { tag: 'em', text: 'then' },
      '\nthe next one.',
    ]);
    expect(simpleInline('`a <b> & $c*`')).toEqual([{ tag: 'code', text: 'a <b> & $c*' }]);
    // While written: a link remend completed, a delimiter with nothing after it yet.
    expect(simpleInline('See [the](streamdown:incomplete-link)')).toEqual([
      'See ',
      { tag: 'a', text: 'the', href: 'streamdown:incomplete-link' },
    ]);
    expect(simpleInline('It wakes **')).toEqual(['It wakes **']);
    expect(simpleInline('The [docs](https://example.com/a_b) say ~~never~~ snake_case.')).toEqual([
      'The ',
      { tag: 'a', text: 'docs', href: 'https://example.com/a_b' },
      ' say ',
      { tag: 'del', text: 'never' },
      ' snake_case.',
    ]);
    for (const marked of [
      'A [link](x)',
      'Some __bold__',
      '_snake',
      'snake_',
      'a _b_',
      '~gone~',
      '~~~gone~~~',
      '[docs](https://Example.com)',
      '[docs](https://example.com "Docs")',
      '[docs](<https://example.com>)',
      '[docs](https://example.com/a(b))',
      '[**docs**](https://example.com)',
      '[docs][ref]',
      '![image](https://example.com/a.png)',
      'Costs $5',
      'a <b>',
      'Tom &amp; Jerry',
      'back\\slash',
      'See www.example.com',
      'See **https://example.com**',
      'Mail me@example.com',
      'Some **open',
      'Some**',
      'Some ***',
      'Some ** more',
      '**',
      'Some ** spaced**',
      'Some **spaced **',
      '***three***',
      '**a****b**',
      '*a**',
      '**a*',
      'Some `open',
      'Two `` ticks ``',
      'Spaced ` code `',
      'Hard  \nbreak',
      'Line\n  indented',
      '* item',
      '- item',
      '1. item',
      '# heading',
      'A\n===',
      'a | b',
      'Two  spaces',
    ]) {
      expect(simpleInline(marked), marked).toBeUndefined();
    }
  });

  it('renders exactly as Streamdown renders it parsed, settled or completed while it is written', SLOW, () => {
    const pieces = [
      ...'abcXYZ äÉ 019 .,;:?\'"()/%-',
      '  ',
      '\n',
      ' \n',
      '\n ',
      ...'*_`[]<>&$~|#!\\@+=^',
      '**',
      '***',
      '`x*y`',
      '` a `',
      '**bold**',
      '**two words**',
      '*it*',
      '*an it*',
      '\nNext ',
      '\n**b** ',
      '\n`c` ',
      '\n*d*',
      '`co<de>`',
      'www.',
      '://',
      '~~s~~',
      '~',
      '~~',
      'a_b',
      '_',
      '__',
      '[l](https://example.com/a_b)',
      '[two words](http://x.io)',
      ' [x](y)',
      '](',
      '[',
      ']',
      '(https://A.com/)',
      ' - ',
      '\n1. ',
      '\n---',
    ];
    // Mostly what is taken, with a little of what is not: pairs and neighbours of the taken kinds.
    const likely = [
      ' word',
      ' word',
      ',',
      '.',
      ' **b c**',
      ' *i*',
      ' `c`',
      ' ~~s t~~',
      ' [l](https://example.com/a_b)',
      ' [two words](http://x.io)',
      '(see [x](https://a.io/p))',
      ' snake_case',
      '\nNext',
      '\n[l](https://b.io)',
      '\n~~s~~',
      '~',
      '_x',
      ' www.',
      '[',
    ];
    const texts = fc
      .tuple(
        fc.oneof(
          fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 30 }),
          fc.array(fc.constantFrom(...likely), { minLength: 1, maxLength: 8 }),
        ),
        fc.nat(),
        fc.boolean(),
      )
      .map(([chars, cut, streaming]) => {
        const text = `W${chars.join('')}`;
        // While it is written: a prefix, its open syntax completed (what ParagraphRun renders).
        return streaming ? remend(text.slice(0, 1 + (cut % text.length)).trimEnd()) : text;
      });
    let simple = 0;
    let linksAndMore = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const rendered = fast(text);
        if (rendered === undefined) return;
        simple++;
        // All of it closed, as the splitter's parse would find it (it cuts there without one).
        expect(isClosedParagraph(text), JSON.stringify(text)).toBe(isClosedByParse(text));
        if (!/[*~`]$/.test(text)) expect(isClosedByParse(text), JSON.stringify(text)).toBe(true);
        if (/\[|~|_/.test(text)) linksAndMore++;
        expect(rendered, JSON.stringify(text)).toBe(parsed(text));
      }),
      { numRuns: 3000, seed: 7 },
    );
    // Both ways were taken, many times each.
    expect(simple).toBeGreaterThan(600);
    expect(simple).toBeLessThan(2700);
    // Links, strikethrough or intraword underscores in many of them.
    expect(linksAndMore).toBeGreaterThan(250);
  });

  it('takes every paragraph of the bench replies, settled and at every delta, with no parse', SLOW, () => {
    expect(parsesWhileStreamed(benchReply())).toEqual({ parses: 0, settledParses: 0 });
    // The long paragraph (links, strikethrough, "snake_case" every few words), also while a delta ends
    // inside a link or right after an opening delimiter.
    const paragraph = parsesWhileStreamed(longLineParagraph(20_000));
    expect(paragraph).toEqual({ parses: 0, settledParses: 0 });
    // A paragraph with a link that has a title is still parsed.
    expect(
      parsesDuring(() =>
        renderToStaticMarkup(
          createElement(SegmentedParagraph, {
            segments: [],
            open: { separator: '', text: 'See the [docs](https://example.com "Docs") first.' },
            streaming: false,
          }),
        ),
      ),
    ).toBe(1);
  });
});

/**
 * Streams `reply` in 200-character deltas and renders its paragraphs each time (the open run as it is
 * written, each settled run again): every parse, and those of settled runs.
 */
function parsesWhileStreamed(reply: string): { parses: number; settledParses: number } {
  const splitter = new SettledBlockSplitter();
  const parse = vi.spyOn(Object.getPrototypeOf(unified()) as { parse: (value: string) => unknown }, 'parse');
  const render = (open: ParagraphSegment, streaming: boolean): number => {
    const before = parse.mock.calls.length;
    renderToStaticMarkup(createElement(SegmentedParagraph, { segments: [], open, streaming }));
    return parse.mock.calls.length - before;
  };
  let paragraphs = 0;
  let settledParses = 0;
  try {
    for (let at = 200; at < reply.length + 200; at += 200) {
      const split = splitter.update(reply.slice(0, at));
      for (const piece of [...split.settled.slice(-3), split.tail]) {
        if (piece?.kind !== 'paragraph') continue;
        paragraphs++;
        const streaming = piece === split.tail;
        for (const segment of streaming ? piece.segments : [...piece.segments, piece.open]) {
          settledParses += render(segment, false);
        }
        if (streaming) render(piece.open, true);
      }
    }
    expect(paragraphs).toBeGreaterThan(50);
    return { parses: parse.mock.calls.length, settledParses };
  } finally {
    parse.mockRestore();
  }
}
