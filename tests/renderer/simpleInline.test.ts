import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import remend from 'remend';
import { Block, defaultComponents, type Components } from 'streamdown';
import { unified } from 'unified';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { benchReply } from '../../bench/renderer/content';
import { BLOCK_REHYPE_PLUGINS, BLOCK_REMARK_PLUGINS } from '../../src/renderer/src/markdown/markdownOptions';
import { SegmentedParagraph } from '../../src/renderer/src/markdown/SegmentedParagraph';
import { SettledBlockSplitter } from '../../src/renderer/src/markdown/settledBlockSplitter';
import { renderInline, simpleInline } from '../../src/renderer/src/markdown/simpleInline';

/** What a paragraph run renders parsed: Streamdown's Block, its `<p>` unwrapped (as SegmentedParagraph's runs). */
const RUN_COMPONENTS = { ...defaultComponents, p: Fragment } as unknown as Components;
function parsed(content: string): string {
  return renderToStaticMarkup(
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
  return nodes && renderToStaticMarkup(createElement(Fragment, null, ...renderInline(nodes)));
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
    for (const marked of [
      'A [link](x)',
      'Some __bold__',
      'snake_case',
      '~~gone~~',
      'Costs $5',
      'a <b>',
      'Tom &amp; Jerry',
      'back\\slash',
      'See www.example.com',
      'See **https://example.com**',
      'Mail me@example.com',
      'Some **open',
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
      ' - ',
      '\n1. ',
      '\n---',
    ];
    const texts = fc
      .tuple(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 30 }), fc.nat(), fc.boolean())
      .map(([chars, cut, streaming]) => {
        const text = `W${chars.join('')}`;
        // While it is written: a prefix, its open syntax completed (what ParagraphRun renders).
        return streaming ? remend(text.slice(0, 1 + (cut % text.length)).trimEnd()) : text;
      });
    let simple = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const rendered = fast(text);
        if (rendered === undefined) return;
        simple++;
        expect(rendered, JSON.stringify(text)).toBe(parsed(text));
      }),
      { numRuns: 2000, seed: 7 },
    );
    // Both ways were taken, many times each.
    expect(simple).toBeGreaterThan(200);
    expect(simple).toBeLessThan(1800);
  });

  it('takes every paragraph of the bench reply, settled and at every delta, with no parse', SLOW, () => {
    const reply = benchReply();
    const splitter = new SettledBlockSplitter();
    let paragraphs = 0;
    const parses = parsesDuring(() => {
      for (let at = 200; at < reply.length + 200; at += 200) {
        const split = splitter.update(reply.slice(0, at));
        for (const piece of [...split.settled.slice(-3), split.tail]) {
          if (piece?.kind !== 'paragraph') continue;
          paragraphs++;
          renderToStaticMarkup(
            createElement(SegmentedParagraph, {
              segments: piece.segments,
              open: piece.open,
              streaming: piece === split.tail,
            }),
          );
        }
      }
    });
    expect(paragraphs).toBeGreaterThan(300);
    expect(parses).toBe(0);
    // A paragraph with a link is still parsed.
    expect(
      parsesDuring(() =>
        renderToStaticMarkup(
          createElement(SegmentedParagraph, {
            segments: [],
            open: { separator: '', text: 'See the [docs](https://example.com) first.' },
            streaming: false,
          }),
        ),
      ),
    ).toBe(1);
  });
});
