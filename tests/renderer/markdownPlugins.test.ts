import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Streamdown } from 'streamdown';
import { describe, expect, it } from 'vitest';
import { MarkdownChunk } from '../../src/renderer/src/markdown/MarkdownChunk';
import {
  BLOCK_REHYPE_PLUGINS,
  BLOCK_REMARK_PLUGINS,
  bound,
  MARKDOWN_CONTROLS,
  MARKDOWN_LINK_SAFETY,
  MARKDOWN_PLUGINS,
  MARKDOWN_REHYPE_PLUGINS,
  MARKDOWN_REMARK_PLUGINS,
  MARKDOWN_THEMES,
} from '../../src/renderer/src/markdown/markdownOptions';

/** Markdown whose rendering depends on every default plugin: GFM, raw HTML, sanitising, hardening. */
const SAMPLES = [
  '| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done\n- [ ] not yet\n\nwww.example.com',
  '<div align="center">kept <b>bold</b></div>\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">',
  '[click](javascript:alert(1)) and [fine](https://example.com "title") and <a href="data:text/html,x">x</a>',
  '```ts title="a.ts"\nconst a = 1;\n```\n\nThe price is $5 and $10, and $E = mc^2$.',
  '<details><summary>More</summary>\n\nHidden *text*.\n\n</details>',
];

const withDefaults = (text: string): string =>
  renderToStaticMarkup(
    createElement(Streamdown, {
      mode: 'static',
      parseIncompleteMarkdown: false,
      plugins: MARKDOWN_PLUGINS,
      controls: MARKDOWN_CONTROLS,
      linkSafety: MARKDOWN_LINK_SAFETY,
      shikiTheme: MARKDOWN_THEMES,
      className: 'markdown-chunk',
      children: text,
    }),
  );

describe('markdown plugins with their options bound', () => {
  it('render what Streamdown renders with its own default plugins', () => {
    for (const text of SAMPLES) {
      expect(renderToStaticMarkup(createElement(MarkdownChunk, { text, streaming: false }))).toBe(withDefaults(text));
    }
  });

  it('leave nothing for Streamdown to serialise into its processor key (no [plugin, options] pairs)', () => {
    for (const list of [MARKDOWN_REMARK_PLUGINS, MARKDOWN_REHYPE_PLUGINS, BLOCK_REMARK_PLUGINS, BLOCK_REHYPE_PLUGINS]) {
      expect(list.length).toBeGreaterThan(0);
      for (const plugin of list) expect(typeof plugin).toBe('function');
    }
  });

  it('bound() calls the plugin with its options under the processor, by a name of its own', () => {
    const calls: unknown[][] = [];
    const plugin = function (this: unknown, ...options: unknown[]) {
      calls.push([this, ...options]);
    };
    const one = bound('naviTest', [plugin, { a: 1 }, 'b'] as never) as unknown as (this: unknown) => void;
    expect(one.name).toBe('naviTest');
    const processor = {};
    one.call(processor);
    expect(calls).toEqual([[processor, { a: 1 }, 'b']]);
    expect(bound('unused', plugin as never)).toBe(plugin);
  });
});
