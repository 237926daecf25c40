import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMath } from '../../src/renderer/src/markdown/lazyMath';
import { MarkdownChunk } from '../../src/renderer/src/markdown/MarkdownChunk';
import { readsAsInlineMath } from '../../src/renderer/src/markdown/moneyIsNotMath';

function render(text: string, streaming: boolean): { math: number; text: string } {
  const html = renderToStaticMarkup(createElement(MarkdownChunk, { text, streaming }));
  return {
    math: html.split('class="katex"').length - 1,
    text: html.replace(/<span class="katex">.*?<\/annotation>.*?<\/span><\/span>/gs, '[math]').replace(/<[^>]+>/g, ''),
  };
}

describe('dollars in prose', () => {
  // KaTeX loads on first use in the page; rendered to a string here, it is loaded first.
  beforeAll(() => loadMath());

  it.each([true, false])('keep money as text and formulas as math (streaming: %s)', (streaming) => {
    expect(render('It costs $5 and $10 today.', streaming)).toEqual({ math: 0, text: 'It costs $5 and $10 today.' });
    expect(render('Between $1,000 and $2,500 a month', streaming).math).toBe(0);
    expect(render('A $20 bill', streaming)).toEqual({ math: 0, text: 'A $20 bill' });
    expect(render('$E = mc^2$ and a $20 bill', streaming).math).toBe(1);
    expect(render('Let $x$ and $y$ be reals', streaming).math).toBe(2);
    expect(render('$$\\int_0^1 x\\,dx$$', streaming).math).toBe(1);
  });

  it("follows Pandoc's rule for where single-dollar math may open and close", () => {
    const at = (source: string) => readsAsInlineMath(source, source.indexOf('$'), source.lastIndexOf('$') + 1);
    expect(at('$E = mc^2$')).toBe(true);
    expect(at('$5 and $')).toBe(false);
    expect(at('$ x$')).toBe(false);
    expect(readsAsInlineMath('$5$10', 0, 3)).toBe(false);
    expect(at('$$x$$')).toBe(true);
  });
});
