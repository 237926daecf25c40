import { createElement, Fragment, type ComponentType, type ReactNode } from 'react';
import { defaultComponents, StreamdownContext } from 'streamdown';
import { markdownContext } from './markdownOptions';
import { renderInline, simpleInline, type InlineNode } from './simpleInline';

/**
 * A piece (settled or still being written) that markdown renders with no inline syntax but bold,
 * italics, strikethrough, inline code and plain links (simpleInline): one paragraph, one ATX heading, or one tight bullet list
 * whose items are each one line, all with the same marker. Such a piece needs no parse: Streamdown's
 * own components render it from its text, as its parse would (static or streaming alike).
 */
export type PlainBlock =
  | { readonly kind: 'paragraph'; readonly content: readonly InlineNode[] }
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3 | 4 | 5 | 6; readonly content: readonly InlineNode[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly InlineNode[])[] };

/** "#" to "######", one space, the heading's text (a closing "#" sequence is no simpleInline, so not taken). */
const HEADING = /^(#{1,6}) (\S[^\n]*)$/;
/** A bullet, one space, the item's text starting right there (more spaces would change its indent). */
const BULLET = /^([-*+]) (\S.*)$/;

/** The plain block `text` is (trailing newlines aside), or undefined if it needs a parse. */
export function plainBlock(text: string): PlainBlock | undefined {
  const body = text.replace(/\n+$/, '');
  if (body === '') return undefined;
  if (body[0] === '#') {
    const heading = HEADING.exec(body);
    const content = heading ? simpleInline(heading[2]!) : undefined;
    if (!heading || content === undefined) return undefined;
    return { kind: 'heading', level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, content };
  }
  if (/^[-*+] /.test(body)) {
    const lines = body.split('\n');
    const marker = lines[0]![0];
    const items: (readonly InlineNode[])[] = [];
    for (const line of lines) {
      const item = BULLET.exec(line);
      // The same bullet throughout: another one starts another list.
      if (!item || item[1] !== marker) return undefined;
      const content = simpleInline(item[2]!);
      if (content === undefined) return undefined;
      items.push(content);
    }
    return { kind: 'list', items };
  }
  // Each line starts with a letter, "`" or "*" and a word (simpleInline): no block but a paragraph.
  const content = simpleInline(body);
  return content && { kind: 'paragraph', content };
}

/** Streamdown's wrapper of a static render, with Navi's class (MarkdownChunk's `className`). */
const WRAPPER_CLASS = 'space-y-4 whitespace-normal [&>*:first-child]:mt-0 [&>*:last-child]:mb-0 markdown-chunk';

type Rendering = ComponentType<{ readonly children?: ReactNode }>;
const component = (tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'ul' | 'li' | 'p'): Rendering =>
  defaultComponents[tag] as Rendering;

/**
 * A plain block as Streamdown renders it parsed (its components, the newlines between list items
 * that the parse leaves as text).
 */
export function PlainBlockView({ block }: { readonly block: PlainBlock }) {
  let content: ReactNode;
  if (block.kind === 'paragraph') {
    content = createElement(component('p'), null, ...renderInline(block.content));
  } else if (block.kind === 'heading') {
    content = createElement(component(`h${block.level}`), null, ...renderInline(block.content));
  } else {
    const Li = component('li');
    content = createElement(
      component('ul'),
      null,
      '\n',
      ...block.items.map((item, index) => (
        <Fragment key={index}>
          <Li>{renderInline(item)}</Li>
          {'\n'}
        </Fragment>
      )),
    );
  }
  // Links read their link safety from Streamdown's context, as in Streamdown's own render.
  return (
    <div className={WRAPPER_CLASS}>
      <StreamdownContext.Provider value={CONTEXT}>{content}</StreamdownContext.Provider>
    </div>
  );
}

const CONTEXT = markdownContext(false);
