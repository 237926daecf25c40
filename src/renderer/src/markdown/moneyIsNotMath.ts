import type { Nodes, Parent, Root, RootContent } from 'mdast';
import type { MathPlugin } from 'streamdown';

type Pluggable = MathPlugin['remarkPlugin'];
type Transformer = (tree: Root, file: { value: unknown }) => void;

/**
 * Whether `$…$` as written reads as math by Pandoc's rule: the opening `$` has a non-space right
 * after it, the closing one a non-space right before it and no digit right after it. So
 * `$E = mc^2$` is math and "between $5 and $10" is prose about money.
 */
export function readsAsInlineMath(source: string, start: number, end: number): boolean {
  const opening = source.slice(start, start + 2);
  if (!opening.startsWith('$') || opening === '$$') return true;
  const inner = source.slice(start + 1, end - 1);
  return inner.length > 0 && !/^\s|\s$/.test(inner) && !/^\d/.test(source.charAt(end));
}

function unmathMoney(parent: Parent, source: string): void {
  parent.children = parent.children.map((child: Nodes): RootContent => {
    const { start, end } = child.position ?? {};
    // remark-math's node type, which plain mdast's types do not list.
    if (
      (child.type as string) === 'inlineMath' &&
      start?.offset !== undefined &&
      end?.offset !== undefined &&
      !readsAsInlineMath(source, start.offset, end.offset)
    ) {
      return { type: 'text', value: source.slice(start.offset, end.offset), position: child.position };
    }
    if ('children' in child) unmathMoney(child, source);
    return child as RootContent;
  }) as typeof parent.children;
}

/**
 * remark-math (as Streamdown's math plugin configures it) followed by a pass that turns single-dollar
 * "math" that is really money back into the text it was written as. remark-math pairs any two
 * dollars, so "It costs $5 and $10" became a formula of "5 and ".
 */
export function moneyIsNotMath(mathPlugin: Pluggable): Pluggable {
  const [remarkMath, options] = (Array.isArray(mathPlugin) ? mathPlugin : [mathPlugin]) as [
    (this: unknown, options?: unknown) => void,
    unknown?,
  ];
  return [
    function remarkMathForProse(this: unknown): Transformer {
      remarkMath.call(this, options);
      return (tree, file) => unmathMoney(tree, String(file.value));
    },
  ] as unknown as Pluggable;
}
