import { createElement, Fragment, type ComponentType, type ReactNode } from 'react';
import { defaultComponents } from 'streamdown';
import { plainProse } from './SegmentedParagraph';

/**
 * A piece (settled or still being written) that markdown renders without any inline syntax: one
 * ATX heading of plain prose, or one tight bullet list whose items are each one line of plain prose
 * (plainProse), all with the same marker. Such a piece needs no parse: Streamdown's own components
 * render it from its text, as its parse would (static or streaming alike).
 */
export type PlainBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3 | 4 | 5 | 6; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] };

/** "#" to "######", one space, the heading's text (a closing "#" sequence is not plain, so not taken). */
const HEADING = /^(#{1,6}) (\S[^\n]*)$/;
/** A bullet, one space, the item's text starting right there (more spaces would change its indent). */
const BULLET = /^([-*+]) (\S.*)$/;

/** The plain block `text` is (trailing newlines aside), or undefined if it needs a parse. */
export function plainBlock(text: string): PlainBlock | undefined {
  const body = text.replace(/\n+$/, '');
  if (body === '') return undefined;
  if (body[0] === '#') {
    const heading = HEADING.exec(body);
    const content = heading ? plainProse(heading[2]!) : undefined;
    if (!heading || content === undefined) return undefined;
    return { kind: 'heading', level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, text: content };
  }
  const lines = body.split('\n');
  const marker = lines[0]![0];
  const items: string[] = [];
  for (const line of lines) {
    const item = BULLET.exec(line);
    // The same bullet throughout: another one starts another list.
    if (!item || item[1] !== marker) return undefined;
    const content = plainProse(item[2]!);
    if (content === undefined) return undefined;
    items.push(content);
  }
  return { kind: 'list', items };
}

/** Streamdown's wrapper of a static render, with Navi's class (MarkdownChunk's `className`). */
const WRAPPER_CLASS = 'space-y-4 whitespace-normal [&>*:first-child]:mt-0 [&>*:last-child]:mb-0 markdown-chunk';

type Rendering = ComponentType<{ readonly children?: ReactNode }>;
const component = (tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'ul' | 'li'): Rendering =>
  defaultComponents[tag] as Rendering;

/**
 * A plain block as Streamdown renders it parsed (its components, the newlines between list items
 * that the parse leaves as text).
 */
export function PlainBlockView({ block }: { readonly block: PlainBlock }) {
  let content: ReactNode;
  if (block.kind === 'heading') {
    content = createElement(component(`h${block.level}`), null, block.text);
  } else {
    const Li = component('li');
    content = createElement(
      component('ul'),
      null,
      '\n',
      ...block.items.map((item, index) => (
        <Fragment key={index}>
          <Li>{item}</Li>
          {'\n'}
        </Fragment>
      )),
    );
  }
  return <div className={WRAPPER_CLASS}>{content}</div>;
}
