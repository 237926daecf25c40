import typescript from '@shikijs/langs/typescript';
import githubDark from '@shikijs/themes/github-dark';
import githubLight from '@shikijs/themes/github-light';
import { createHighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { describe, expect, it } from 'vitest';
import { WORKER_THEMES } from '../../src/renderer/src/markdown/highlight/highlightProtocol';
import type { TokenLine } from '../../src/renderer/src/markdown/highlight/stableLines';
import { tokenSpans, tokenStyle } from '../../src/renderer/src/markdown/highlight/tokenSpans';

const keyword = { color: '#D73A49', '--shiki-dark': '#F97583' };
const plain = { color: '#24292E', '--shiki-dark': '#E1E4E8' };
const name = { color: '#6F42C1', '--shiki-dark': '#B392F0' };
const token = (content: string, htmlStyle: Record<string, string>, offset = 0): TokenLine[number] => ({
  content,
  offset,
  htmlStyle,
});

describe('tokenSpans (a highlighted line as few elements as look the same)', () => {
  it('puts the blanks between words into a neighbour: fewer spans, the same text, every word its colours', () => {
    // Shiki's tokens for `export async function step0(`: a token for each space.
    const line = [
      token('export', keyword),
      token(' ', plain),
      token('async', keyword),
      token(' ', plain),
      token('function', keyword),
      token(' ', plain),
      token('step0', name),
      token('(', plain),
    ];
    const spans = tokenSpans(line);
    expect(spans.map((span) => span.content)).toEqual(['export async function ', 'step0', '(']);
    expect(spans.map((span) => span.content).join('')).toBe(line.map((part) => part.content).join(''));
    expect(spans[0]!.style).toEqual(tokenStyle(token('export', keyword)).style);
    expect(spans[1]!.style).toEqual(tokenStyle(token('step0', name)).style);
    expect(spans[2]!.style).toEqual(tokenStyle(token('(', plain)).style);
  });

  it('gives leading indentation to the first word', () => {
    const spans = tokenSpans([token('    ', plain), token('return', keyword), token(' total', plain)]);
    expect(spans.map((span) => [span.content, span.style['--sdm-c']])).toEqual([
      ['    return', '#D73A49'],
      [' total', '#24292E'],
    ]);
  });

  it('keeps blanks apart where they would show: a background, an underline, attributes', () => {
    const marked = token(' ', { ...plain, 'background-color': '#ffeef0' });
    const underlined = token('link', { ...name, 'text-decoration': 'underline' });
    expect(tokenSpans([token('a', keyword), marked, token('b', keyword)])).toHaveLength(3);
    // Not under the underline: with the next word.
    expect(tokenSpans([underlined, token(' ', plain), token('b', keyword)]).map((span) => span.content)).toEqual([
      'link',
      ' b',
    ]);
    expect(tokenSpans([token(' ', plain), underlined])).toHaveLength(2);
    const attributed = { ...token(' ', plain), htmlAttrs: { 'data-x': '1' } };
    expect(tokenSpans([token('a', keyword), attributed])).toHaveLength(2);
  });

  it('takes about a quarter of the elements out of real code, Shiki-highlighted', async () => {
    // As the page's worker highlights: its themes, Shiki's JavaScript regex engine.
    const highlighter = await createHighlighterCore({
      themes: [githubLight, githubDark],
      langs: [typescript],
      engine: createJavaScriptRegexEngine({ forgiving: true }),
    });
    const code = [
      'export async function step1(input: readonly number[]): Promise<number> {',
      '  const total = input.reduce((sum, value) => sum + value * 1, 0);',
      '  if (total > 10) throw new Error(`too large: ${total}`);',
      '  return await Promise.resolve(total / Math.max(1, input.length));',
      '}',
    ].join('\n');
    const { tokens } = highlighter.codeToTokens(code, { lang: 'typescript', themes: WORKER_THEMES });
    const before = tokens.reduce((sum, line) => sum + line.length, 0);
    const after = tokens.reduce((sum, line) => sum + tokenSpans(line as TokenLine).length, 0);
    expect(after).toBeLessThan(before * 0.85);
    for (const line of tokens) {
      const spans = tokenSpans(line as TokenLine);
      expect(spans.map((span) => span.content).join('')).toBe(line.map((part) => part.content).join(''));
      // Every visible character keeps the colours of its token.
      let at = 0;
      for (const span of spans) {
        for (const character of span.content) {
          let offset = 0;
          const source = line.find((part) => (offset += part.content.length) > at)!;
          if (character.trim() !== '') expect(span.style).toEqual(tokenStyle(source as TokenLine[number]).style);
          at++;
        }
      }
    }
    highlighter.dispose();
  });
});
