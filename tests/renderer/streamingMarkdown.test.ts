import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Lexer } from 'marked';
import { defaultRehypePlugins, Streamdown } from 'streamdown';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { MarkdownChunk } from '../../src/renderer/src/markdown/MarkdownChunk';
import { plainBlock } from '../../src/renderer/src/markdown/plainBlock';
import { plainProse } from '../../src/renderer/src/markdown/SegmentedParagraph';
import {
  SEGMENT_CHARS,
  SettledBlockSplitter,
  type SplitResult,
} from '../../src/renderer/src/markdown/settledBlockSplitter';
import { MarkdownPieces, StreamingMarkdown } from '../../src/renderer/src/markdown/StreamingMarkdown';
import {
  MARKDOWN_CONTROLS,
  MARKDOWN_LINK_SAFETY,
  MARKDOWN_PLUGINS,
  MARKDOWN_REHYPE_PLUGINS,
  MARKDOWN_REMARK_PLUGINS,
  MARKDOWN_THEMES,
  rehypePluginsFor,
} from '../../src/renderer/src/markdown/markdownOptions';
import {
  adversarialReply,
  deltasOf,
  lateDecisions,
  longLineParagraph,
  longMultilineParagraph,
  midStreamFences,
  nestedLists,
  openCodeFence,
  table,
} from '../fixtures/adversarialMarkdown';

type Node = DefaultTreeAdapterMap['childNode'];
type Parent = DefaultTreeAdapterMap['parentNode'];

/** A rendered tree as plain data: element names, attributes and merged text, wrappers removed. */
type Shape = string | { tag: string; attrs: Record<string, string>; children: Shape[] };

const isWrapper = (node: Node): boolean =>
  'tagName' in node &&
  node.tagName === 'div' &&
  node.attrs.some((attr) => attr.name === 'class' && /(^|\s)markdown(-chunk)?(\s|$)/.test(attr.value));

const KEYBOARD_REACHABLE = ['tabindex', 'role', 'aria-label'];

function shapeOf(parent: Parent, top: boolean): Shape[] {
  const shapes: Shape[] = [];
  const push = (shape: Shape): void => {
    const last = shapes[shapes.length - 1];
    if (typeof shape === 'string' && typeof last === 'string') shapes[shapes.length - 1] = last + shape;
    else shapes.push(shape);
  };
  for (const node of parent.childNodes) {
    if (node.nodeName === '#comment') continue;
    if (top && isWrapper(node)) {
      for (const shape of shapeOf(node as Parent, true)) push(shape);
      continue;
    }
    if (node.nodeName === '#text') {
      const value = (node as DefaultTreeAdapterMap['textNode']).value;
      // Between top-level blocks, static renders put newlines and streaming ones do not.
      if (!(top && value.trim() === '')) push(value);
      continue;
    }
    if ('tagName' in node) {
      const attrs: Record<string, string> = Object.fromEntries(node.attrs.map((attr) => [attr.name, attr.value]));
      // Navi's code body adds what makes a scrolling block reachable by keyboard (Streamdown's lacks it).
      if (attrs['data-streamdown'] === 'code-block-body') for (const name of KEYBOARD_REACHABLE) delete attrs[name];
      push({ tag: node.tagName, attrs, children: shapeOf(node, false) });
    }
  }
  return shapes;
}

function shape(html: string): Shape[] {
  return shapeOf(parseFragment(html), true);
}

/** Streams `text` into a splitter in deterministic deltas; returns the final split and what was seen. */
function stream(text: string, maxDelta = 240): { final: SplitResult; longestOpenRun: number; kinds: Set<string> } {
  const splitter = new SettledBlockSplitter();
  let so = '';
  let final = splitter.update('');
  let longestOpenRun = 0;
  const kinds = new Set<string>();
  for (const delta of deltasOf(text, maxDelta)) {
    so += delta;
    final = splitter.update(so);
    if (final.tail?.kind === 'paragraph') longestOpenRun = Math.max(longestOpenRun, final.tail.open.text.length);
    if (final.tail) kinds.add(final.tail.kind);
  }
  for (const piece of final.settled) kinds.add(piece.kind);
  return { final, longestOpenRun, kinds };
}

/** The top-level elements' names: a block rendered inside a paragraph's `<p>` ends up beside it. */
function topLevelTags(html: string): string[] {
  return shape(html).flatMap((node) => (typeof node === 'string' ? [] : [node.tag]));
}

/**
 * While it streams, unfinished syntax is completed for display ("*open" closed), which may change a
 * block ("| :-*" is no table row): the blocks are those of the text so far, or those Streamdown
 * shows for it whole while it streams; never a block inside a paragraph.
 */
function expectBlocksWhileStreaming(html: string, text: string): void {
  const blocks = topLevelTags(html);
  const streamingWhole = renderToStaticMarkup(createElement(MarkdownChunk, { text, streaming: true }));
  if (blocks.join() === topLevelTags(streamingWhole).join()) return;
  expect(blocks, JSON.stringify(text)).toEqual(topLevelTags(renderWhole(text)));
}

function renderPieces(result: SplitResult, streaming: boolean): string {
  return renderToStaticMarkup(createElement(MarkdownPieces, { ...result, streaming }));
}

function renderWhole(text: string): string {
  return renderToStaticMarkup(createElement(MarkdownChunk, { text, streaming: false }));
}

/**
 * Streamdown's own render of `text` (static, or `streaming` as MarkdownChunk asks for it) with Navi's
 * plugins and its default rehype plugins (rehype-raw included).
 */
function streamdownOwn(text: string, streaming = false): string {
  return renderToStaticMarkup(
    createElement(Streamdown, {
      mode: streaming ? 'streaming' : 'static',
      parseIncompleteMarkdown: streaming,
      isAnimating: streaming,
      plugins: MARKDOWN_PLUGINS,
      remarkPlugins: MARKDOWN_REMARK_PLUGINS,
      rehypePlugins: MARKDOWN_REHYPE_PLUGINS,
      controls: MARKDOWN_CONTROLS,
      linkSafety: MARKDOWN_LINK_SAFETY,
      shikiTheme: MARKDOWN_THEMES,
      className: 'markdown-chunk',
      children: text,
    }),
  );
}

/** The final render of the streamed pieces equals Streamdown's render of the whole reply at once. */
function expectSameAsWhole(text: string, maxDelta?: number): ReturnType<typeof stream> {
  const streamed = stream(text, maxDelta);
  expect(shape(renderPieces(streamed.final, false))).toEqual(shape(renderWhole(text)));
  return streamed;
}

/** Rendering a 120,000-character reply whole, twice, takes seconds on a busy machine. */
const LARGE = { timeout: 90_000 };
/** Hundreds of renders, each parsed: seconds, more on a busy machine. */
const SLOW = { timeout: 90_000 };

describe('streaming markdown renders what the whole reply renders', () => {
  it('a 120,000-character paragraph on one line, parsed a run at a time', LARGE, () => {
    const streamed = expectSameAsWhole(longLineParagraph(120_000));
    expect(streamed.kinds).toEqual(new Set(['paragraph']));
    // Each update re-parses at most the open run, never the paragraph so far.
    expect(streamed.longestOpenRun).toBeLessThan(3 * SEGMENT_CHARS);
    const segments = streamed.final.tail?.kind === 'paragraph' ? streamed.final.tail.segments.length : 0;
    expect(segments).toBeGreaterThan(60);
  });

  it('a 60,000-character paragraph over many lines', LARGE, () => {
    const streamed = expectSameAsWhole(longMultilineParagraph(60_000));
    expect(streamed.longestOpenRun).toBeLessThan(3 * SEGMENT_CHARS);
  });

  it('a 60,000-character code fence left open, rendered as a growing code block', LARGE, () => {
    const streamed = expectSameAsWhole(openCodeFence(60_000));
    expect(streamed.final.tail).toMatchObject({ kind: 'code', language: 'ts', closed: false });
  });

  it('the same fence closed, followed by more text', () => {
    const text = `${openCodeFence(20_000)}\`\`\`\nDone.\n`;
    const streamed = expectSameAsWhole(text);
    expect(streamed.final.settled.some((piece) => piece.kind === 'code' && piece.closed)).toBe(true);
  });

  it('a fence closed by the very last text, with no newline after it', () => {
    for (const text of [
      'Here:\n\n```ts\nconst a = 1;\n```',
      '```\nplain\n````',
      'Tilde:\n\n~~~py\nprint(1)\n~~~  ',
      '```ts\n```',
    ]) {
      const streamed = expectSameAsWhole(text, 3);
      const code = [...streamed.final.settled, streamed.final.tail].find((piece) => piece?.kind === 'code');
      expect(code).toMatchObject({ kind: 'code', closed: true });
      expect(code?.kind === 'code' && code.code).not.toMatch(/[`~]{3}/);
      expect(renderPieces(streamed.final, false)).not.toMatch(/[`~]{3}/);
    }
  });

  it('a last paragraph with no newline after it, after a paragraph and a blank line', () => {
    const streamed = expectSameAsWhole('First paragraph.\n\nSecond paragraph, the last text', 4);
    expect(streamed.final.settled).toHaveLength(1);
    expect(shape(renderPieces(streamed.final, false)).filter((node) => typeof node !== 'string')).toHaveLength(2);
  });

  it('a last line that only starts like a fence stays code', () => {
    const splitter = new SettledBlockSplitter();
    const result = splitter.update('```ts\nconst a = 1;\n```js');
    expect(result.tail).toEqual({ kind: 'code', language: 'ts', code: 'const a = 1;\n```js', closed: false });
  });

  it('nested, tight and loose lists', () => {
    expectSameAsWhole(nestedLists(40));
  });

  it('tables', LARGE, () => {
    expectSameAsWhole(table(200));
  });

  it('fences opened mid-stream, inside lists, with tildes, inside HTML', () => {
    expectSameAsWhole(midStreamFences());
    expectSameAsWhole(midStreamFences(), 3);
  });

  it('paragraphs that turn into headings or tables, emphasis that closes late, hard breaks', () => {
    expectSameAsWhole(lateDecisions(6_000));
  });

  it('all of it in one reply, in small and large deltas', LARGE, () => {
    const reply = adversarialReply();
    expectSameAsWhole(reply, 20);
    expectSameAsWhole(reply, 2_000);
  });

  it('renders every intermediate state while streaming without losing text', () => {
    const text = adversarialReply().slice(0, 12_000);
    const splitter = new SettledBlockSplitter();
    let so = '';
    let checked = 0;
    for (const [index, delta] of deltasOf(text, 400).entries()) {
      so += delta;
      const result = splitter.update(so);
      if (index % 5 !== 0) continue;
      const html = renderPieces(result, true);
      // The last word that arrived is on screen.
      const lastWord = /[A-Za-z]{4,}(?=[^A-Za-z]*$)/.exec(so)?.[0];
      if (lastWord) expect(html).toContain(lastWord);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('a settled piece', () => {
  it('is parsed once, not first lexed into blocks it does not use, and renders as Streamdown renders it', () => {
    const text = [
      'Before the list, a paragraph with **bold** and `code`.',
      '',
      '- **deploy**: the first item',
      '- **review**: the second, with a [link](https://example.com)',
      '  - nested',
      '',
      '| a | b |',
      '| - | - |',
      '| 1 | 2 |',
    ].join('\n');
    const lexed = vi.spyOn(Lexer.prototype, 'blockTokens');
    try {
      const settled = renderWhole(text);
      expect(lexed).not.toHaveBeenCalled();
      // Streamdown's own static render of the same text (which lexes it into blocks first): the same markup.
      const own = streamdownOwn(text);
      expect(lexed).toHaveBeenCalled();
      expect(settled).toBe(own);
      // While it is written, the piece is still cut into blocks (each re-renders only when it changes).
      lexed.mockClear();
      renderToStaticMarkup(createElement(MarkdownChunk, { text: `${text}\n\nMore`, streaming: true }));
      expect(lexed).toHaveBeenCalled();
    } finally {
      lexed.mockRestore();
    }
  });
});

describe('a paragraph, heading or bullet list of prose with at most bold, italics, strikethrough, inline code and links', () => {
  it('is rendered from its text, with no parse', () => {
    expect(plainBlock('### Step 3: python helper\n\n')).toEqual({
      kind: 'heading',
      level: 3,
      content: ['Step 3: python helper'],
    });
    expect(plainBlock('- checks its input (3 rules)\n- retries at most 3 times\n\n')).toEqual({
      kind: 'list',
      items: [['checks its input (3 rules)'], ['retries at most 3 times']],
    });
    expect(plainBlock('## Step **3**: `run()`')).toEqual({
      kind: 'heading',
      level: 2,
      content: ['Step ', { tag: 'strong', text: '3' }, ': ', { tag: 'code', text: 'run()' }],
    });
    expect(plainBlock('- a `b`\n- *c*')).toEqual({
      kind: 'list',
      items: [['a ', { tag: 'code', text: 'b' }], [{ tag: 'em', text: 'c' }]],
    });
    expect(plainBlock('**Note**: the `--force` flag\nskips it.\n\n')).toEqual({
      kind: 'paragraph',
      content: [{ tag: 'strong', text: 'Note' }, ': the ', { tag: 'code', text: '--force' }, ' flag\nskips it.'],
    });
    for (const marked of [
      '###Step',
      '### Step ###',
      '####### Seven',
      '#  Two spaces',
      '### Step\nMore',
      '- a\n\n- b',
      '- a\n* b',
      '-  a',
      '- a\n  b',
      '- [ ] task',
      '- a [b](c)',
      '1. one',
      '- see www.example.com',
      '> quoted',
      '**open',
      'A line\n---',
      'a | b\n- | -',
    ]) {
      expect(plainBlock(marked), marked).toBeUndefined();
    }
  });

  it('renders exactly as Streamdown renders it parsed, whichever way it goes', SLOW, () => {
    const words = [
      ...'abcXYZ äÉ 019 .,;:?\'"()/%-',
      '  ',
      ...'*_`[]<>&$~|#!\\@+=^',
      'www.',
      '://',
      ' # ',
      '**b**',
      '*i*',
      '`c`',
      '`x*`',
      '**',
    ];
    const styled = [
      ' word',
      ' word',
      ',',
      '.',
      ' **b c**',
      '**b**',
      ' *i*',
      ' `c`',
      '`x*y`',
      ' `<a>`',
      ' ~~s~~',
      ' snake_case',
      ' [l](https://a.io/x)',
      '*',
    ];
    const line = fc.oneof(
      fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 20 }).map((chars) => `W${chars.join('')}`),
      fc.array(fc.constantFrom(...styled), { minLength: 0, maxLength: 6 }).map((chars) => `W${chars.join('')}`),
    );
    const texts = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('# ', '## ', '### ', '#### ', '##### ', '###### ', '#', '####### ', '#  '),
          line,
          fc.constantFrom('', '\n', '\n\n'),
        )
        .map(([hashes, text, after]) => `${hashes}${text}${after}`),
      fc
        .tuple(
          fc.array(fc.tuple(fc.constantFrom('- ', '- ', '* ', '+ ', '-  ', '1. '), line), {
            minLength: 1,
            maxLength: 5,
          }),
          fc.constantFrom('', '\n', '\n\n'),
        )
        .map(([items, after]) => `${items.map(([bullet, text]) => bullet + text).join('\n')}${after}`),
      fc
        .tuple(
          fc.array(fc.tuple(fc.constantFrom('', '**B** ', '`c` ', '*', '- ', '  '), line), {
            minLength: 1,
            maxLength: 4,
          }),
          fc.constantFrom('', '\n', '\n\n'),
        )
        .map(([lines, after]) => `${lines.map(([start, text]) => start + text).join('\n')}${after}`),
    );
    let plain = 0;
    let withSyntax = 0;
    fc.assert(
      fc.property(texts, (text) => {
        if (plainBlock(text) !== undefined) plain++;
        if (plainBlock(text) !== undefined && /[*`~[_]/.test(text)) withSyntax++;
        // The whole markup, wrapper and newlines included; settled, and while it is written.
        expect(renderWhole(text), JSON.stringify(text)).toBe(streamdownOwn(text));
        expect(
          renderToStaticMarkup(createElement(MarkdownChunk, { text, streaming: true })),
          JSON.stringify(text),
        ).toBe(streamdownOwn(text, true));
      }),
      { numRuns: 600, seed: 21 },
    );
    // Both ways were taken, many times each.
    expect(plain).toBeGreaterThan(40);
    expect(plain).toBeLessThan(540);
    // Bold, italics or inline code in many of them.
    expect(withSyntax).toBeGreaterThan(40);
  });

  it('takes the headings and lists of a reply like the bench one, which renders as parsed whole', () => {
    const text = Array.from({ length: 6 }, (_, index) =>
      [
        `### Step ${index + 1}: ts helper`,
        '',
        `Some **state ${index}** here.`,
        '',
        `- checks its input (${index} rules)`,
        `- retries at most ${index} times`,
        '',
      ].join('\n'),
    ).join('\n');
    const { final } = stream(text, 37);
    // The last list is the tail (rendered from its text too once the reply is finished).
    const pieces = [...final.settled, ...(final.tail ? [final.tail] : [])];
    const fast = pieces.filter((piece) => piece.kind === 'markdown' && plainBlock(piece.text) !== undefined);
    expect(fast.length).toBe(12);
    expect(shape(renderPieces(final, false))).toEqual(shape(streamdownOwn(text)));
  });
});

describe('a settled paragraph of plain prose', () => {
  it('is its own text, with no parse', () => {
    expect(plainProse('Deploy it now, then (once) check: "done"? 100% / ok.\n\n')).toBe(
      'Deploy it now, then (once) check: "done"? 100% / ok.',
    );
    expect(plainProse("It's Über-fast")).toBe("It's Über-fast");
    for (const marked of [
      'Some **bold**',
      'Some `code`',
      'A [link](x)',
      'See www.example.com',
      'See https://example.com',
      'Mail me@example.com',
      'Two  spaces',
      'A line\nbreak',
      'Tom &amp; Jerry',
      'Costs $5',
      'snake_case',
      '1. listed',
      '- listed',
      '# heading',
      'a | b',
      '~~gone~~',
      'a <b>',
      'back\\slash',
    ]) {
      expect(plainProse(marked), marked).toBeUndefined();
    }
  });

  it('renders as the whole reply parsed at once, whichever way it goes', () => {
    // One line of inline text, then maybe a blank line and another paragraph, or a last line that
    // starts a block (below, more of those).
    const alphabet = [...'abcXYZ äÉ 019 .,;:?\'"()/%-', '  ', ...'*_`[]<>&$~|#!\\@+=^', 'www.', '://', ' 1. ', ' - '];
    const texts = fc
      .tuple(
        fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('', '\n\n', '\n\nNext one.', '\n>a', '\n# b', '\n- c', '\n1. d', '\n```', '\n---', '\n|-|'),
      )
      .map(([chars, after]) => `W${chars.join('')}${after}`);
    let plain = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const split = new SettledBlockSplitter().update(text);
        const pieces = [...split.settled, ...(split.tail ? [split.tail] : [])];
        if (pieces.some((piece) => piece.kind === 'paragraph' && plainProse(piece.open.text) !== undefined)) plain++;
        expect(shape(renderPieces(split, false))).toEqual(shape(renderWhole(text)));
      }),
      { numRuns: 300, seed: 18 },
    );
    // Both ways were taken, many times each.
    expect(plain).toBeGreaterThan(30);
    expect(plain).toBeLessThan(270);
  });
});

describe('a paragraph line followed by a line that starts a block', () => {
  // The last line (no newline after it yet, or the finished reply's last line) and the lines before
  // it: whatever can interrupt a paragraph or rewrite it (setext, table delimiter row), at column 0
  // and indented, as the text ends and with more after it.
  const starts = [
    '>',
    '> ',
    ' > ',
    '#',
    '# ',
    '## ',
    '   # ',
    '    # ',
    '#x',
    '-',
    '- ',
    '--',
    '---',
    '- - -',
    ' -',
    '=',
    '===',
    '*',
    '* ',
    '***',
    '* * *',
    '___',
    '_',
    '+ ',
    '+',
    '1. ',
    '1.',
    '1) ',
    '2. ',
    '10. ',
    '```',
    '```ts',
    '``',
    '~~~',
    '  ```',
    '   ~~~',
    '|',
    '| ',
    '| - |',
    '|-|',
    '-|-',
    '| :-',
    ':-',
    '$$',
    ' $$',
    '<div>',
    '<b>',
    '<!-- ',
    '\t- ',
    '[^1]: ',
    '[a]: https://x.y',
    '\\',
    '    code',
  ];
  const rests = ['', 'a', ' b', ' | c', '-', '*d*', '`e`'];
  const line = fc.tuple(fc.constantFrom(...starts), fc.constantFrom(...rests)).map(([start, rest]) => start + rest);
  const texts = fc
    .tuple(
      fc.constantFrom('W', 'Word one', '| a | b |', 'Some *open', 'W\nsecond line'),
      fc.array(line, { minLength: 1, maxLength: 3 }),
      fc.constantFrom('', '\n', '\nAfter.', '\n\nNext.'),
    )
    .map(([first, lines, after]) => [first, ...lines].join('\n') + after)
    // Streamdown drops a code block's first line when it is blank; Navi's code block keeps it, as
    // CommonMark does (a difference of its own, not of where the text is cut).
    .filter((text) => !/^ {0,3}(`{3,}|~{3,})[^\n]*\n[ \t]*(\n|$)/m.test(text));

  it('renders as the whole text parsed at once through StreamingMarkdown, whatever the last line', () => {
    for (const text of ['W\n>a', 'Some text\n# Heading', 'A list:\n- one', 'Code:\n```ts\nx', 'W\n--']) {
      for (const streaming of [false, true]) {
        const html = renderToStaticMarkup(createElement(StreamingMarkdown, { text, streaming }));
        if (streaming) expectBlocksWhileStreaming(html, text);
        else expect(shape(html), text).toEqual(shape(renderWhole(text)));
      }
    }
  });

  it('renders as the whole text parsed at once, finished', () => {
    expect(shape(renderPieces(new SettledBlockSplitter().update('W\n>a'), false))).toEqual(shape(renderWhole('W\n>a')));
    fc.assert(
      fc.property(texts, (text) => {
        const split = new SettledBlockSplitter().update(text);
        expect(shape(renderPieces(split, false))).toEqual(shape(renderWhole(text)));
      }),
      { numRuns: 400, seed: 23 },
    );
  });

  it('renders as the text so far parsed at once, at every point while it streams', LARGE, () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 4 }), (text, step) => {
        const splitter = new SettledBlockSplitter();
        for (let end = step; end < text.length + step; end += step) {
          const so = text.slice(0, end);
          const split = splitter.update(so);
          expect(shape(renderPieces(split, false)), JSON.stringify(so)).toEqual(shape(renderWhole(so)));
          expectBlocksWhileStreaming(renderPieces(split, true), so);
        }
      }),
      { numRuns: 100, seed: 29 },
    );
  });
});

describe('a settled piece without "<"', () => {
  it('is rendered without rehype-raw, unless it holds "<" or code', () => {
    const raw = defaultRehypePlugins.raw!;
    const hasRaw = (text: string) => rehypePluginsFor(MARKDOWN_REHYPE_PLUGINS, text).includes(raw);
    expect(MARKDOWN_REHYPE_PLUGINS).toContain(raw);
    expect(hasRaw('Some **bold**, `code` and a [link](https://x.y).\n\n- a list')).toBe(false);
    // The same list each time (Streamdown's memo and processor cache key on it).
    expect(rehypePluginsFor(MARKDOWN_REHYPE_PLUGINS, 'a')).toBe(rehypePluginsFor(MARKDOWN_REHYPE_PLUGINS, 'b'));
    for (const text of [
      'Some <b>HTML</b>',
      'An <https://x.y> autolink',
      '```\ncode\n```',
      '~~~\ncode\n~~~',
      'a\n\n    indented code',
    ]) {
      expect(hasRaw(text), text).toBe(true);
    }
  });

  it('renders without rehype-raw exactly as Streamdown renders it with its default plugins', () => {
    const tokens = [
      'word ',
      'Other ',
      '**',
      '*',
      '_',
      '`',
      '~~',
      '\n',
      '\n\n',
      '# ',
      '- ',
      '1. ',
      '> ',
      '| a | b |\n| - | - |\n| 1 | 2 |\n',
      '```\ncode\n```\n',
      '[a](https://x.y)',
      '![i](x.png)',
      '&amp; ',
      '&#x3C; ',
      'www.x.com ',
      'https://a.b ',
      '$x$ ',
      '[^1] ',
      '\\',
      '---\n',
      '    indented\n',
      '\tcode\n',
      '~~~\nx\n~~~\n',
      '  ',
      '<b>bold</b> ',
      '<https://a.b> ',
      '<!-- c --> ',
    ];
    const texts = fc
      .array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 25 })
      .map((parts) => `Start ${parts.join('')}`);
    let withoutRaw = 0;
    let oneLine = 0;
    fc.assert(
      fc.property(texts, (text) => {
        if (!/<|```|~~~|(^|\n)( {4}|\t)/.test(text)) withoutRaw++;
        const own = streamdownOwn(text);
        expect(renderWhole(text)).toBe(own);
        // A paragraph's runs (one line: where the splitter cuts a text is tested above) the same.
        if (text.includes('\n')) return;
        oneLine++;
        const split = new SettledBlockSplitter().update(text);
        expect(shape(renderPieces(split, false))).toEqual(shape(own));
      }),
      { numRuns: 400, seed: 18 },
    );
    expect(withoutRaw).toBeGreaterThan(50);
    expect(oneLine).toBeGreaterThan(20);
  });
});

describe('SettledBlockSplitter', () => {
  it('settles pieces once and keeps their identity', () => {
    const splitter = new SettledBlockSplitter();
    const first = splitter.update('# Title\n\nOne paragraph.\n\nTwo\n');
    const second = splitter.update('# Title\n\nOne paragraph.\n\nTwo\nmore');
    expect(second.settled).toBe(first.settled);
    expect(second.settled.map((piece) => piece.kind)).toEqual(['markdown', 'paragraph']);
    expect(second.tail).toEqual({ kind: 'paragraph', segments: [], open: { separator: '', text: 'Two\nmore' } });
  });

  it('ends a paragraph at a last line that starts a block, and continues it if the line turns out to be text', () => {
    const splitter = new SettledBlockSplitter();
    const paragraph = { kind: 'paragraph', segments: [], open: { separator: '', text: 'Two\n' } };
    expect(splitter.update('Two\n#')).toEqual({ settled: [], ended: paragraph, tail: { kind: 'markdown', text: '#' } });
    expect(splitter.update('Two\n#x')).toEqual({
      settled: [],
      tail: { kind: 'paragraph', segments: [], open: { separator: '', text: 'Two\n#x' } },
    });
    const other = new SettledBlockSplitter();
    expect(other.update('Two\n> a')).toMatchObject({ ended: paragraph, tail: { kind: 'markdown', text: '> a' } });
    // The line ends: the paragraph settles as it was shown, and the quote goes on as the tail.
    expect(other.update('Two\n> a\n')).toEqual({ settled: [paragraph], tail: { kind: 'markdown', text: '> a\n' } });
    // A setext underline makes the paragraph a heading: parsed whole.
    expect(new SettledBlockSplitter().update('Two\n--')).toEqual({
      settled: [],
      tail: { kind: 'markdown', text: 'Two\n--' },
    });
  });

  it('starts over when the text is replaced rather than extended', () => {
    const splitter = new SettledBlockSplitter();
    splitter.update('First.\n\nSecond.\n\n');
    const replaced = splitter.update('Other');
    expect(replaced.settled).toEqual([]);
    expect(replaced.tail).toMatchObject({ kind: 'paragraph' });
  });

  it('does not cut a paragraph where an unmatched delimiter could still close', () => {
    const splitter = new SettledBlockSplitter();
    const text = `Start *${'word '.repeat(600)}`;
    const result = splitter.update(text);
    expect(result.tail?.kind === 'paragraph' && result.tail.segments.length).toBe(0);
    // Retried once as much text again has arrived (each failed try doubles the wait).
    const closed = splitter.update(`${text}end* ${'more '.repeat(1_400)}`);
    expect(closed.tail?.kind === 'paragraph' && closed.tail.segments.length).toBeGreaterThan(0);
  });
});
