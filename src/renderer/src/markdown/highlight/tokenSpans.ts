import type { TokenLine } from './stableLines';

type Token = TokenLine[number];

/** One element of a highlighted line: its text and how it looks. */
export interface TokenSpan {
  readonly content: string;
  readonly style: Readonly<Record<string, string>>;
  /** It paints a background of its own (Streamdown's background class). */
  readonly background: boolean;
  readonly attrs: Readonly<Record<string, string>> | undefined;
}

/** A token's style as Streamdown writes it: colours as CSS variables, the rest as they are. */
export function tokenStyle(token: Token): { style: Record<string, string>; background: boolean } {
  const style: Record<string, string> = {};
  let background = !!token.bgColor;
  if (token.color) style['--sdm-c'] = token.color;
  if (token.bgColor) style['--sdm-tbg'] = token.bgColor;
  for (const [name, value] of Object.entries(token.htmlStyle ?? {})) {
    if (name === 'color') style['--sdm-c'] = value;
    else if (name === 'background-color') {
      style['--sdm-tbg'] = value;
      background = true;
    } else style[name] = value;
  }
  return { style, background };
}

function sameRecord(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined) {
  const aKeys = Object.keys(a ?? {});
  if (aKeys.length !== Object.keys(b ?? {}).length) return false;
  return aKeys.every((key) => a?.[key] === b?.[key]);
}

const sameLook = (a: TokenSpan, b: TokenSpan): boolean =>
  a.background === b.background && sameRecord(a.style, b.style) && sameRecord(a.attrs, b.attrs);

const isBlank = (text: string): boolean => text.length > 0 && text.trim() === '';

/**
 * Whether a span's look would show on blank text: anything but a text colour (a background that is
 * not transparent, a line under or through it, attributes of its own). Blank text in a span that
 * only colours text looks the same in its neighbour's colour.
 */
function showsOnBlank(span: TokenSpan): boolean {
  if (span.attrs && Object.keys(span.attrs).length > 0) return true;
  return Object.entries(span.style).some(
    ([name, value]) =>
      !(name === '--sdm-c' || name === '--shiki-dark' || (name === '--sdm-tbg' && value === 'transparent')),
  );
}

/**
 * A highlighted line as few elements as look the same: neighbouring tokens of one look become one
 * span, and blank text (the spaces between words, indentation) goes into a neighbour when neither
 * shows anything on blank text. The text is the line's, in order; every visible character keeps its
 * colours. Shiki gives each space between two keywords a token of its own: about a quarter of a
 * typical block's elements, each one the page styles, lays out and paints.
 */
export function tokenSpans(line: TokenLine): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const token of line) {
    const { style, background } = tokenStyle(token);
    const span: TokenSpan = { content: token.content, style, background, attrs: token.htmlAttrs };
    const last = spans.at(-1);
    if (!last) {
      spans.push(span);
    } else if (sameLook(last, span) || (isBlank(span.content) && !showsOnBlank(span) && !showsOnBlank(last))) {
      spans[spans.length - 1] = { ...last, content: last.content + span.content };
    } else if (isBlank(last.content) && !showsOnBlank(last) && !showsOnBlank(span)) {
      spans[spans.length - 1] = { ...span, content: last.content + span.content };
    } else {
      spans.push(span);
    }
  }
  return spans;
}
