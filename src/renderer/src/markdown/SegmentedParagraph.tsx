import { Fragment, memo, type ReactNode } from 'react';
import remend from 'remend';
import { Block, defaultComponents, StreamdownContext, type Components } from 'streamdown';
import { useMathLoaded } from './lazyMath';
import {
  BLOCK_REHYPE_PLUGINS,
  BLOCK_REHYPE_PLUGINS_WITH_KATEX,
  BLOCK_REMARK_PLUGINS,
  markdownContext,
  rehypePluginsFor,
} from './markdownOptions';
import { renderInline, simpleInline } from './simpleInline';
import { paragraphLineEffect, type ParagraphSegment } from './settledBlockSplitter';
import { useMountedCount } from './useMountedCount';

/** A run renders its inline content only: the one `<p>` around all runs is the paragraph's own. */
function InlineOnly({ children }: { readonly children?: ReactNode }) {
  return <>{children}</>;
}
const RUN_COMPONENTS = { ...defaultComponents, p: InlineOnly } as Components;

const STATIC_CONTEXT = markdownContext(false);
const STREAMING_CONTEXT = markdownContext(true);

interface RunProps {
  readonly text: string;
  readonly streaming: boolean;
}

/**
 * Prose that markdown (CommonMark, GFM, math) renders as exactly its own text: it starts with a letter
 * (no list, heading or other block marker) and holds only letters, digits, single spaces and
 * punctuation that no syntax uses (no emphasis, code, link, escape, entity, HTML, table, strike,
 * footnote or math characters; no line break, so no hard break; no "www." or "://", so no autolink;
 * no "@", so no e-mail link). Leading and trailing whitespace is what markdown trims.
 */
const PLAIN_PROSE = /^\p{L}(?:[\p{L}\p{N},.;:?'"()/%-]| (?! ))*$/u;
const MAYBE_AUTOLINK = /www\.|:\/\//i;

/** The text of a settled run that needs no parsing (see PLAIN_PROSE), else undefined. */
export function plainProse(text: string): string | undefined {
  const trimmed = text.trim();
  return PLAIN_PROSE.test(trimmed) && !MAYBE_AUTOLINK.test(trimmed) ? trimmed : undefined;
}

/**
 * A streaming run's text with its unfinished syntax completed for display (remend), unless the
 * completion would turn its last line into a block of its own ("Some *open\n**" completed to a line
 * "***", a thematic break) that would land inside the paragraph's `<p>`: then as it is. Trailing
 * whitespace, which a paragraph drops, is dropped first, so a closing "$$" does not start a line.
 */
function completed(text: string): string {
  const trimmed = text.trimEnd();
  const content = remend(trimmed);
  if (content === trimmed) return content;
  const lastLine = content.slice(content.lastIndexOf('\n') + 1);
  return content.includes('\n') && paragraphLineEffect(lastLine) !== undefined ? trimmed : content;
}

/**
 * One run of the paragraph, parsed on its own; settled runs render once (memoised on their text).
 * A run of prose with at most bold, italics and inline code (simpleInline), settled or still being
 * written (completed first), is rendered from its text: the parse (remark, rehype, sanitising) would
 * make the same nodes, at a millisecond or more a paragraph when a conversation opens, and again on
 * every delta while the run is written.
 */
const ParagraphRun = memo(function ParagraphRun({ text, streaming }: RunProps) {
  const math = useMathLoaded(text);
  const content = streaming ? completed(text) : text;
  const simple = simpleInline(content);
  if (simple) return renderInline(simple);
  return (
    <Block
      content={content}
      index={0}
      isIncomplete={streaming}
      shouldParseIncompleteMarkdown={streaming}
      shouldNormalizeHtmlIndentation={false}
      components={RUN_COMPONENTS}
      remarkPlugins={BLOCK_REMARK_PLUGINS}
      rehypePlugins={rehypePluginsFor(math ? BLOCK_REHYPE_PLUGINS_WITH_KATEX : BLOCK_REHYPE_PLUGINS, content)}
    />
  );
});

interface SegmentedParagraphProps {
  readonly segments: readonly ParagraphSegment[];
  readonly open: ParagraphSegment;
  readonly streaming: boolean;
}

/**
 * A long paragraph as the runs the splitter cut it into, inside one `<p>`, joined by the whitespace
 * between them: the same element and text as the whole paragraph parsed at once, but a delta only
 * re-parses the last run.
 */
export function SegmentedParagraph({ segments, open, streaming }: SegmentedParagraphProps) {
  // Runs cut in one update parse a few a frame, as pieces do (the open run waits for them).
  const shown = useMountedCount(segments.length);
  return (
    <div className="markdown-chunk">
      <StreamdownContext.Provider value={streaming ? STREAMING_CONTEXT : STATIC_CONTEXT}>
        <p>
          {segments.slice(0, shown).map((segment, index) => (
            <Fragment key={index}>
              {segment.separator}
              <ParagraphRun text={segment.text} streaming={false} />
            </Fragment>
          ))}
          {shown === segments.length && (
            <>
              {open.separator}
              <ParagraphRun text={open.text} streaming={streaming} />
            </>
          )}
        </p>
      </StreamdownContext.Provider>
    </div>
  );
}
