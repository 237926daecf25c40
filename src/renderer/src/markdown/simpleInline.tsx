import { createElement, type ComponentType, type ReactNode } from 'react';
import { defaultComponents } from 'streamdown';

/**
 * Inline content that markdown (CommonMark, GFM, math) renders without anything but text, bold,
 * italics, strikethrough, inline code and plain links: the text of a paragraph (or heading, or list
 * item) as its parse would leave it, or undefined when it may hold anything else.
 */
export type InlineNode =
  | string
  | { readonly tag: 'strong' | 'em' | 'del' | 'code'; readonly text: string }
  | { readonly tag: 'a'; readonly text: string; readonly href: string };

/** Characters no inline syntax uses (as plainProse): letters, digits and some punctuation. */
const PROSE_CHAR = /[\p{L}\p{N},.;:?'"()/%-]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const MAYBE_AUTOLINK = /www\.|:\/\//i;
/** What remend makes of a link still being written ("[text](https://exa"): Streamdown shows it as a link. */
const INCOMPLETE_LINK = 'streamdown:incomplete-link';
/** A delimiter that ends the text after a space. */
const TRAILING_DELIMITER = /^(\*{1,2}|~{1,2}|`)$/;
/** A link's destination: http(s), a lowercase host, a path of characters no URL parser rewrites. */
const PLAIN_URL = /^https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*(\/[A-Za-z0-9._~/-]*)?$/;

/**
 * The inline content of `text` (leading and trailing whitespace, which markdown trims, aside) when it
 * is made only of:
 * - prose: PROSE_CHAR and single spaces, and "_" between two letters or digits (which can neither
 *   open nor close emphasis), each line starting with a letter, "`", "*", "~" or "[" (no block
 *   marker: a list item, heading, quote or fence needs another character or a space after "*"),
 *   with no spaces at either end of a line (no hard break; a soft one is its newline);
 * - inline code: one backtick, text with no backtick or newline that neither starts nor ends with a
 *   space, one backtick;
 * - emphasis and strikethrough: "*", "**" or "~~", prose that starts and ends with a letter or
 *   digit, the same delimiter, not touching another "*" or "~" (so each run is one delimiter that
 *   can open or close, and pairs with the next one: its length is 1 or 2, never a multiple of 3 in
 *   a sum);
 * - a link: "[", prose that starts and ends with a letter or digit, "](", a PLAIN_URL (or remend's
 *   INCOMPLETE_LINK), ")";
 * - at the very end, after a space, "*", "**", "~", "~~" or "`" with nothing after it (text as it is).
 * Nothing in it may start an autolink ("www.", "://" outside a link's destination; "@" is no
 * PROSE_CHAR). Anything else ("$", "<", "&", "\", "!", "|", images, titles, a third "*", an unclosed
 * delimiter): undefined.
 */
export function simpleInline(text: string): readonly InlineNode[] | undefined {
  const body = text.trim();
  if (body === '') return undefined;
  const nodes: InlineNode[] = [];
  let prose = '';
  /** Everything outside code and link destinations, for the autolink check. */
  let outside = '';
  const lines = body.split('\n');
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex]!;
    if (lineIndex > 0) prose += '\n';
    const first = line[0];
    if (first === undefined || !(/[`*~[]/.test(first) || /\p{L}/u.test(first))) return undefined;
    if (/[ \t]$/.test(line)) return undefined;
    let at = 0;
    while (at < line.length) {
      const char = line[at]!;
      let span: InlineNode | undefined;
      let next = at;
      if (lineIndex === lines.length - 1 && line[at - 1] === ' ' && TRAILING_DELIMITER.test(line.slice(at))) {
        // The text ends in a delimiter with nothing after it (a reply cut there while written): it
        // can neither open nor close, so it stays as it is.
        prose += line.slice(at);
        break;
      }
      if (char === '`') {
        const close = line.indexOf('`', at + 1);
        if (close <= at + 1 || line[close + 1] === '`') return undefined;
        const code = line.slice(at + 1, close);
        if (code[0] === ' ' || code.endsWith(' ')) return undefined;
        span = { tag: 'code', text: code };
        outside += ' ';
        next = close + 1;
      } else if (char === '*' || char === '~') {
        const length = line[at + 1] === char ? 2 : 1;
        if (char === '~' && length !== 2) return undefined;
        const start = at + length;
        const close = line.indexOf(char, start);
        if (close < 0) return undefined;
        const content = line.slice(start, close);
        if (!isProse(content)) return undefined;
        // The closing run is exactly as long as the opening one.
        for (let index = close; index < close + length; index++) if (line[index] !== char) return undefined;
        if (line[close + length] === char) return undefined;
        span = { tag: char === '~' ? 'del' : length === 2 ? 'strong' : 'em', text: content };
        outside += ` ${content} `;
        next = close + length;
      } else if (char === '[') {
        const close = line.indexOf('](', at + 1);
        const end = close < 0 ? -1 : line.indexOf(')', close + 2);
        if (end < 0) return undefined;
        const content = line.slice(at + 1, close);
        const href = line.slice(close + 2, end);
        if (!isProse(content) || !(href === INCOMPLETE_LINK || PLAIN_URL.test(href))) return undefined;
        // As rehype-harden leaves it: the URL as the URL parser writes it ("http://x.io" gains its "/").
        span = { tag: 'a', text: content, href: href === INCOMPLETE_LINK ? href : new URL(href).href };
        outside += ` ${content} `;
        next = end + 1;
      }
      if (span) {
        if (prose) nodes.push(prose);
        prose = '';
        nodes.push(span);
        at = next;
        continue;
      }
      if (!isProseChar(line, at)) return undefined;
      prose += char;
      outside += char;
      at++;
    }
    outside += '\n';
  }
  if (prose) nodes.push(prose);
  if (MAYBE_AUTOLINK.test(outside)) return undefined;
  return nodes;
}

/** Whether the character at `index` is prose: PROSE_CHAR, a single space, "_" inside a word. */
function isProseChar(text: string, index: number): boolean {
  const char = text[index]!;
  if (char === ' ') return text[index + 1] !== ' ';
  if (char === '_') return WORD_CHAR.test(text[index - 1] ?? '') && WORD_CHAR.test(text[index + 1] ?? '');
  return PROSE_CHAR.test(char);
}

/** Prose that starts and ends with a letter or digit: the content of a span. */
function isProse(text: string): boolean {
  if (!WORD_CHAR.test(text[0] ?? '') || !WORD_CHAR.test(text[text.length - 1] ?? '')) return false;
  for (let index = 0; index < text.length; index++) if (!isProseChar(text, index)) return false;
  return true;
}

type Rendering = ComponentType<{ readonly children?: ReactNode }>;
type LinkRendering = ComponentType<{
  readonly children?: ReactNode;
  readonly href: string;
  readonly target: string;
  readonly rel: string;
}>;
/** What rehype-harden adds to every link it keeps. */
const HARDENED = { target: '_blank', rel: 'noopener noreferrer' } as const;

/**
 * Inline nodes as Streamdown renders them parsed: its components for bold, links and inline code
 * (which, without a block's "data-block", renders inline), plain `em` and `del`, text as it is.
 * Links read Streamdown's context (StreamdownContext) for their link safety.
 */
export function renderInline(nodes: readonly InlineNode[]): ReactNode[] {
  return nodes.map((node, index) => {
    if (typeof node === 'string') return node;
    switch (node.tag) {
      case 'em':
      case 'del':
        return createElement(node.tag, { key: index }, node.text);
      case 'a':
        return createElement(
          defaultComponents.a as LinkRendering,
          { key: index, href: node.href, ...HARDENED },
          node.text,
        );
      default:
        return createElement(defaultComponents[node.tag] as Rendering, { key: index }, node.text);
    }
  });
}
