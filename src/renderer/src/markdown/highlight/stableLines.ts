import type { HighlightResult } from '@streamdown/code';

export type TokenLine = HighlightResult['tokens'][number];
type Token = TokenLine[number];

/** Code as Streamdown shows it before highlighting: one plain token per line, trailing newlines cut. */
export function plainResult(code: string): HighlightResult {
  return {
    bg: 'transparent',
    fg: 'inherit',
    tokens: code
      .split('\n')
      .map((content) => [{ content, color: 'inherit', bgColor: 'transparent', htmlStyle: {}, offset: 0 }]),
  };
}

/** Streamdown highlights and shows a block's code without its trailing newlines. */
export function trimTrailingNewlines(code: string): string {
  let end = code.length;
  while (end > 0 && code[end - 1] === '\n') end--;
  return code.slice(0, end);
}

function sameRecord(
  a: Readonly<Record<string, unknown>> | undefined,
  b: Readonly<Record<string, unknown>> | undefined,
) {
  if (a === b) return true;
  const aKeys = Object.keys(a ?? {});
  if (aKeys.length !== Object.keys(b ?? {}).length) return false;
  return aKeys.every((key) => a?.[key] === b?.[key]);
}

function sameToken(a: Token, b: Token): boolean {
  return (
    a.content === b.content &&
    a.color === b.color &&
    a.bgColor === b.bgColor &&
    sameRecord(a.htmlStyle, b.htmlStyle) &&
    sameRecord(a.htmlAttrs, b.htmlAttrs)
  );
}

function sameLine(a: TokenLine, b: TokenLine): boolean {
  return a === b || (a.length === b.length && a.every((token, index) => sameToken(token, b[index]!)));
}

/**
 * Gives each version of a block's lines back with every line that looks exactly like the same line
 * of the previous version replaced by that line: a growing block keeps the identity of its
 * unchanged lines, so memoised line groups skip them and an update renders only what changed.
 * A line object seen before is recognised by identity, so lines carried over from an earlier
 * version (as a streaming block's are) cost a lookup, not a comparison of their tokens.
 */
export class LineStabiliser {
  private previous: readonly TokenLine[] = [];
  /** Lines given to stabilise, and the line each was given back as. */
  private readonly known = new WeakMap<TokenLine, TokenLine>();

  stabilise(next: readonly TokenLine[]): TokenLine[] {
    const stable = next.map((line, index) => {
      const earlier = this.previous[index];
      if (earlier === undefined || earlier === line) return line;
      if (this.known.get(line) === earlier) return earlier;
      if (!sameLine(earlier, line)) return line;
      this.known.set(line, earlier);
      return earlier;
    });
    this.previous = stable;
    return stable;
  }
}
