import type { Nodes, Paragraph } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { simpleInline } from './simpleInline';

/** Built once: building the GFM syntax extensions costs more than parsing a run. */
const PARSE_OPTIONS = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };

const isSpace = (char: string | undefined): boolean => char === undefined || /\s/.test(char);
const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/**
 * Whether a literal character left in a text node could still pair with syntax that follows:
 * backticks, brackets, dollars and tag starts always could; `*` and `~` only when flanking a word;
 * `_` also not inside a word (CommonMark's intraword rule). Neighbours outside the node count as
 * unknown, so a delimiter at a node's edge is treated as open.
 */
function hasOpenDelimiter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    const before = index > 0 ? value[index - 1] : 'x';
    const after = index + 1 < value.length ? value[index + 1] : 'x';
    switch (char) {
      case '`':
      case '[':
      case ']':
      case '$':
        return true;
      case '<':
        if (after !== undefined && /[A-Za-z!?/]/.test(after)) return true;
        break;
      case '*':
      case '~':
        if (!(isSpace(before) && isSpace(after))) return true;
        break;
      case '_':
        if (!(isSpace(before) && isSpace(after)) && !(isWordChar(before) && isWordChar(after))) return true;
        break;
    }
  }
  return false;
}

function closedInline(node: Nodes): boolean {
  if (node.type === 'text') return !hasOpenDelimiter(node.value);
  if ('children' in node) return node.children.every((child) => closedInline(child as Nodes));
  return true;
}

/**
 * True when `text` is one paragraph whose inline syntax is all closed: nothing in it (an unmatched
 * `*`, backtick run, bracket or tag start) could pair with text that follows. Such a paragraph
 * prefix renders the same on its own as inside the whole paragraph, so it can be settled.
 * Text, emphasis, strikethrough, code and links that all pair (simpleInline) are closed without a
 * parse; anything else is parsed.
 */
export function isClosedParagraph(text: string): boolean {
  // A delimiter at the end (simpleInline leaves it as text) could still open.
  if (!OPEN_AT_END.test(text) && simpleInline(text) !== undefined) return true;
  return isClosedByParse(text);
}
const OPEN_AT_END = /[*~`]\s*$/;

/** isClosedParagraph by the parser Streamdown renders with (micromark + GFM), so both agree on what is closed. */
export function isClosedByParse(text: string): boolean {
  const tree = fromMarkdown(text, PARSE_OPTIONS);
  const only = tree.children[0];
  if (tree.children.length !== 1 || only?.type !== 'paragraph') return false;
  return closedInline(only satisfies Paragraph);
}
