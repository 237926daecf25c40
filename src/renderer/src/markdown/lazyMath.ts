import type { Element, Root, RootContent } from 'hast';
import { useSyncExternalStore } from 'react';
import type rehypeKatexPlugin from 'rehype-katex';

type RehypeKatex = typeof rehypeKatexPlugin;
type Transform = (tree: Root, file: never) => void;

/**
 * KaTeX (its code, layout and fonts: a sixth of the page's script) loads the first time a
 * formula is rendered, not with the page: most conversations have none. Until it is in, a
 * formula shows as its TeX source; then every piece of markdown that may hold one renders again.
 */
let rehypeKatex: RehypeKatex | undefined;
let loading: Promise<void> | undefined;
let warned = false;
const listeners = new Set<() => void>();

/**
 * Loads KaTeX and its styles (once); resolves when formulas render as formulas, or, when the chunk
 * cannot be loaded (said once in the console), with formulas left as their TeX. A load that failed
 * is not kept: the next formula asks again (a chunk that failed once, as a dropped connection
 * fails it, need not leave the window without formulas until it reloads).
 */
export function loadMath(): Promise<void> {
  loading ??= Promise.all([import('rehype-katex'), import('./katexStyles')]).then(
    ([module]) => {
      rehypeKatex = module.default;
      for (const listener of listeners) listener();
    },
    (error: unknown) => {
      loading = undefined;
      if (warned) return;
      warned = true;
      console.warn('KaTeX could not be loaded; formulas stay as their TeX.', error);
    },
  );
  return loading;
}

const MATH_CLASSES = ['language-math', 'math-display', 'math-inline'];

function holdsMath(nodes: readonly (Root | RootContent)[]): boolean {
  for (const node of nodes) {
    if (node.type === 'element') {
      const classes = (node as Element).properties.className;
      if (Array.isArray(classes) && classes.some((name) => MATH_CLASSES.includes(String(name)))) return true;
    }
    if ('children' in node && holdsMath(node.children)) return true;
  }
  return false;
}

/** rehype-katex once KaTeX is loaded; before that, it leaves formulas as source and asks for KaTeX. */
export function rehypeLazyKatex(options?: Parameters<RehypeKatex>[0]): Transform {
  let transform: Transform | undefined;
  return (tree, file) => {
    if (rehypeKatex) {
      transform ??= rehypeKatex(options) as Transform;
      transform(tree, file);
    } else if (holdsMath([tree])) {
      void loadMath();
    }
  };
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const loaded = (): boolean => rehypeKatex !== undefined;
const never = (): (() => void) => () => {};
const no = (): boolean => false;

/**
 * True once KaTeX is loaded, for markdown `text` that may hold a formula (it has a dollar or says
 * "math"): such pieces render again when it comes. Other text never does (always false).
 */
export function useMathLoaded(text: string): boolean {
  const mayHoldMath = text.includes('$') || text.includes('math');
  return useSyncExternalStore(mayHoldMath ? subscribe : never, mayHoldMath ? loaded : no, mayHoldMath ? loaded : no);
}
