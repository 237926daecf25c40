import { createElement, type ComponentType, type ReactNode } from 'react';
import { defaultComponents } from 'streamdown';

/**
 * Inline content that markdown (CommonMark, GFM, math) renders without anything but text, bold,
 * italics and inline code: the text of a paragraph (or heading, or list item) as its parse would
 * leave it, or undefined when it may hold anything else.
 */
export type InlineNode = string | { readonly tag: 'strong' | 'em' | 'code'; readonly text: string };

/** Characters no inline syntax uses (as plainProse): letters, digits and some punctuation. */
const PROSE_CHAR = /[\p{L}\p{N},.;:?'"()/%-]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const MAYBE_AUTOLINK = /www\.|:\/\//i;

/**
 * The inline content of `text` (leading and trailing whitespace, which markdown trims, aside) when it
 * is made only of:
 * - prose: PROSE_CHAR and single spaces, each line starting with a letter, "`" or "*" (no block
 *   marker: a list item, heading, quote or fence needs another character or a space after "*"),
 *   with no spaces at either end of a line (no hard break; a soft one is its newline);
 * - inline code: one backtick, text with no backtick or newline that neither starts nor ends with a
 *   space, one backtick;
 * - emphasis: "*" or "**", prose that starts and ends with a letter or digit, the same delimiter,
 *   not touching another "*" (so each run is one delimiter that can open or close, and pairs with
 *   the next one: its length is 1 or 2, never a multiple of 3 in a sum).
 * Nothing in it may start an autolink ("www.", "://"; "@" is no PROSE_CHAR).
 * Anything else (links, "_", "~", "$", "<", "&", "\", a third "*", an unclosed delimiter): undefined.
 */
export function simpleInline(text: string): readonly InlineNode[] | undefined {
  const body = text.trim();
  if (body === '') return undefined;
  const nodes: InlineNode[] = [];
  let prose = '';
  /** Everything outside code, for the autolink check. */
  let outsideCode = '';
  const lines = body.split('\n');
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex]!;
    if (lineIndex > 0) prose += '\n';
    const first = line[0];
    if (first === undefined || !(first === '`' || first === '*' || /\p{L}/u.test(first))) return undefined;
    if (/[ \t]$/.test(line)) return undefined;
    let at = 0;
    while (at < line.length) {
      const char = line[at]!;
      if (char === '`') {
        const close = line.indexOf('`', at + 1);
        if (close <= at + 1 || line[close + 1] === '`') return undefined;
        const code = line.slice(at + 1, close);
        if (code[0] === ' ' || code.endsWith(' ')) return undefined;
        if (prose) nodes.push(prose);
        prose = '';
        nodes.push({ tag: 'code', text: code });
        outsideCode += ' ';
        at = close + 1;
        continue;
      }
      if (char === '*') {
        const length = line[at + 1] === '*' ? 2 : 1;
        const start = at + length;
        const close = line.indexOf('*', start);
        if (close < 0) return undefined;
        const content = line.slice(start, close);
        if (!WORD_CHAR.test(content[0] ?? '') || !WORD_CHAR.test(content[content.length - 1] ?? '')) return undefined;
        if (!isProse(content)) return undefined;
        // The closing run is exactly as long as the opening one.
        for (let index = close; index < close + length; index++) if (line[index] !== '*') return undefined;
        if (line[close + length] === '*') return undefined;
        if (prose) nodes.push(prose);
        prose = '';
        nodes.push({ tag: length === 2 ? 'strong' : 'em', text: content });
        outsideCode += ` ${content} `;
        at = close + length;
        continue;
      }
      if (char === ' ' ? line[at + 1] === ' ' : !PROSE_CHAR.test(char)) return undefined;
      prose += char;
      outsideCode += char;
      at++;
    }
    outsideCode += '\n';
  }
  if (prose) nodes.push(prose);
  if (MAYBE_AUTOLINK.test(outsideCode)) return undefined;
  return nodes;
}

function isProse(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === ' ' ? text[index + 1] === ' ' : !PROSE_CHAR.test(char)) return false;
  }
  return true;
}

type Rendering = ComponentType<{ readonly children?: ReactNode }>;

/**
 * Inline nodes as Streamdown renders them parsed: its components for bold and inline code (which,
 * without a block's "data-block", renders inline), a plain `em`, text as it is.
 */
export function renderInline(nodes: readonly InlineNode[]): ReactNode[] {
  return nodes.map((node, index) => {
    if (typeof node === 'string') return node;
    const type = node.tag === 'em' ? 'em' : (defaultComponents[node.tag] as Rendering);
    return createElement(type, { key: index }, node.text);
  });
}
