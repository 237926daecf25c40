import {
  defaultRehypePlugins,
  defaultRemarkPlugins,
  type BlockProps,
  type ControlsConfig,
  type LinkSafetyConfig,
  type MathPlugin,
  type PluginConfig,
  type StreamdownContextType,
  type ThemeInput,
} from 'streamdown';

import remarkMath from 'remark-math';
import { createWorkerCodePlugin } from './highlight/workerCodePlugin';
import { rehypeLazyKatex } from './lazyMath';
import { moneyIsNotMath } from './moneyIsNotMath';

type PluggableList = NonNullable<BlockProps['remarkPlugins']>;
type Pluggable = PluggableList[number];

/**
 * `pluggable` with its options bound: one function named `name` that takes none. Streamdown keys
 * its cache of markdown processors by a string it builds again on every render of every block,
 * from each plugin's name and the JSON of its options; rehype-sanitize's schema alone made that a
 * quarter of parsing a message. Bound, the key is the names. A plugin without options is kept as
 * it is (Streamdown recognises rehype-raw by identity).
 */
export function bound(name: string, pluggable: Pluggable): Pluggable {
  if (!Array.isArray(pluggable)) return pluggable;
  const [plugin, ...options] = pluggable as unknown as [
    (this: unknown, ...options: unknown[]) => unknown,
    ...unknown[],
  ];
  const named = {
    [name](this: unknown) {
      return plugin.apply(this, options);
    },
  }[name]!;
  return named as unknown as Pluggable;
}

/** Streamdown's default remark and rehype plugins (GFM, code meta; raw HTML, sanitize, harden), options bound. */
const REMARK_DEFAULTS: PluggableList = Object.entries(defaultRemarkPlugins).map(([key, plugin]) =>
  bound(`naviRemark_${key}`, plugin),
);
const REHYPE_DEFAULTS: PluggableList = Object.entries(defaultRehypePlugins).map(([key, plugin]) =>
  bound(`naviRehype_${key}`, plugin),
);

/**
 * Streamdown's math plugin (@streamdown/math's shape: remark-math, then rehype-katex), with KaTeX
 * loaded when a formula first shows (lazyMath.ts), and "$5 and $10" kept as money (moneyIsNotMath).
 */
const MATH_PLUGIN: MathPlugin = {
  name: 'katex',
  type: 'math',
  remarkPlugin: bound(
    'naviRemarkMath',
    moneyIsNotMath([remarkMath, { singleDollarTextMath: true }] as MathPlugin['remarkPlugin']) as Pluggable,
  ) as MathPlugin['remarkPlugin'],
  rehypePlugin: bound('naviRehypeLazyKatex', [
    rehypeLazyKatex,
    { errorColor: 'var(--danger-fg)' },
  ] as Pluggable) as MathPlugin['rehypePlugin'],
  getStyles: () => 'katex/dist/katex.min.css',
};

/**
 * Shiki with its JavaScript regex engine (no WebAssembly, so it runs under the strict CSP), in a
 * worker so highlighting never blocks the window. Math through KaTeX: `$…$` inline (as people type
 * it, `$E = mc^2$`; "$5 and $10" stays text) and `$$…$$` as a block.
 */
export const MARKDOWN_PLUGINS: PluginConfig = {
  code: createWorkerCodePlugin(),
  math: MATH_PLUGIN,
};

/**
 * The same plugins under another identity, for markdown rendered before KaTeX was loaded: Streamdown
 * renders a piece again when its plugins change, so its formulas are typeset once KaTeX is in.
 */
export const MARKDOWN_PLUGINS_WITH_KATEX: PluginConfig = { ...MARKDOWN_PLUGINS };

/** Copy buttons on code and tables; no downloads or full-screen overlays in a chat bubble. */
export const MARKDOWN_CONTROLS: ControlsConfig = {
  code: { copy: true, download: false },
  table: { copy: true, download: false, fullscreen: false },
  mermaid: false,
  image: false,
};

/** Links open as plain links (the desktop shell sends http(s) ones to the system browser). */
export const MARKDOWN_LINK_SAFETY: LinkSafetyConfig = { enabled: false };

/** Light and dark token colours; CSS picks one by the OS theme. */
export const MARKDOWN_THEMES: [ThemeInput, ThemeInput] = ['github-light', 'github-dark'];

/** Streamdown's code-block body height limit (its default), kept by Navi's own streaming code block. */
export const CODE_BLOCK_MAX_HEIGHT = 400;

/**
 * The remark and rehype plugins Streamdown runs for a block, composed as Streamdown composes them
 * from its defaults and MARKDOWN_PLUGINS, for the pieces Navi renders through Streamdown's `Block`.
 */
export const BLOCK_REMARK_PLUGINS: PluggableList = [
  ...(MARKDOWN_PLUGINS.cjk?.remarkPluginsBefore ?? []),
  ...REMARK_DEFAULTS,
  ...(MARKDOWN_PLUGINS.cjk?.remarkPluginsAfter ?? []),
  ...(MARKDOWN_PLUGINS.math ? [MARKDOWN_PLUGINS.math.remarkPlugin] : []),
];
export const BLOCK_REHYPE_PLUGINS: PluggableList = [
  ...REHYPE_DEFAULTS,
  ...(MARKDOWN_PLUGINS.math ? [MARKDOWN_PLUGINS.math.rehypePlugin] : []),
];
/**
 * The defaults as MarkdownChunk passes them to Streamdown (which adds MARKDOWN_PLUGINS' own), in
 * place of its `defaultRemarkPlugins` and `defaultRehypePlugins`: the same plugins, options bound.
 */
export const MARKDOWN_REMARK_PLUGINS: PluggableList = REMARK_DEFAULTS;
export const MARKDOWN_REHYPE_PLUGINS: PluggableList = REHYPE_DEFAULTS;
/** BLOCK_REHYPE_PLUGINS under another identity, as MARKDOWN_PLUGINS_WITH_KATEX. */
export const BLOCK_REHYPE_PLUGINS_WITH_KATEX: PluggableList = [...BLOCK_REHYPE_PLUGINS];

/** What Streamdown puts in its context for the blocks it renders, for pieces Navi renders itself. */
export function markdownContext(streaming: boolean): StreamdownContextType {
  return {
    codeBlockMaxHeight: CODE_BLOCK_MAX_HEIGHT,
    controls: MARKDOWN_CONTROLS,
    isAnimating: streaming,
    lineNumbers: true,
    linkSafety: MARKDOWN_LINK_SAFETY,
    mode: streaming ? 'streaming' : 'static',
    shikiTheme: MARKDOWN_THEMES,
    tableMaxHeight: 300,
  };
}

/**
 * `plugins` for `text`, without rehype-raw when nothing in the text needs it: raw HTML (and `<…>`
 * autolinks) is what rehype-raw is for, and with no "<" markdown makes none; yet it runs the whole
 * tree through an HTML parser (parse5), about a quarter of rendering a piece. The parser also drops
 * a newline that starts a `<pre>`, so text with a code block (fenced or indented) keeps it too.
 * Without it Streamdown turns HTML nodes into text (there are none). The list is the same object
 * for the same `plugins`, so Streamdown's memo and processor cache keep working.
 */
export function rehypePluginsFor(plugins: PluggableList, text: string): PluggableList {
  if (NEEDS_RAW.test(text)) return plugins;
  let without = WITHOUT_RAW.get(plugins);
  if (!without) {
    without = plugins.filter((plugin) => plugin !== defaultRehypePlugins.raw);
    WITHOUT_RAW.set(plugins, without);
  }
  return without;
}
/** "<", a code fence, or a line indented as code. */
const NEEDS_RAW = /<|```|~~~|(^|\n)( {4}|\t)/;
const WITHOUT_RAW = new WeakMap<PluggableList, PluggableList>();
