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

type PluggableList = NonNullable<BlockProps['remarkPlugins']>;
import remarkMath from 'remark-math';
import { createWorkerCodePlugin } from './highlight/workerCodePlugin';
import { rehypeLazyKatex } from './lazyMath';
import { moneyIsNotMath } from './moneyIsNotMath';

/**
 * Streamdown's math plugin (@streamdown/math's shape: remark-math, then rehype-katex), with KaTeX
 * loaded when a formula first shows (lazyMath.ts), and "$5 and $10" kept as money (moneyIsNotMath).
 */
const MATH_PLUGIN: MathPlugin = {
  name: 'katex',
  type: 'math',
  remarkPlugin: moneyIsNotMath([remarkMath, { singleDollarTextMath: true }] as MathPlugin['remarkPlugin']),
  rehypePlugin: [rehypeLazyKatex, { errorColor: 'var(--danger-fg)' }] as MathPlugin['rehypePlugin'],
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
  ...Object.values(defaultRemarkPlugins),
  ...(MARKDOWN_PLUGINS.cjk?.remarkPluginsAfter ?? []),
  ...(MARKDOWN_PLUGINS.math ? [MARKDOWN_PLUGINS.math.remarkPlugin] : []),
];
export const BLOCK_REHYPE_PLUGINS: PluggableList = [
  ...Object.values(defaultRehypePlugins),
  ...(MARKDOWN_PLUGINS.math ? [MARKDOWN_PLUGINS.math.rehypePlugin] : []),
];
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
