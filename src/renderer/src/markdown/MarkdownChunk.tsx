import { memo } from 'react';
import remend from 'remend';
import { Streamdown } from 'streamdown';
import { useMathLoaded } from './lazyMath';
import {
  MARKDOWN_CONTROLS,
  MARKDOWN_LINK_SAFETY,
  MARKDOWN_PLUGINS,
  MARKDOWN_PLUGINS_WITH_KATEX,
  MARKDOWN_REHYPE_PLUGINS,
  MARKDOWN_REMARK_PLUGINS,
  MARKDOWN_THEMES,
  rehypePluginsFor,
} from './markdownOptions';
import { plainBlock, PlainBlockView } from './plainBlock';

interface MarkdownChunkProps {
  readonly text: string;
  /** Still being written: unfinished syntax (an open code fence, a half link) is completed for display. */
  readonly streaming: boolean;
}

/**
 * A settled piece is rendered whole: Streamdown's static mode parses its text in one pass, but it
 * still cuts the text into blocks first (its streaming mode's memo keys) and throws them away; the
 * cut lexes the whole piece with marked, as long again as the parse itself (a list the most). The
 * splitter has already cut the message where it is safe, so the piece is one block.
 */
const ONE_BLOCK = (markdown: string): string[] => [markdown];

/**
 * One piece of a message's markdown. Memoised on its text: a settled chunk renders once (and once
 * more when KaTeX arrives, if it may hold a formula). A paragraph, heading or bullet list of prose
 * with at most bold, italics and inline code (plainBlock), settled or still being written (its
 * unfinished syntax completed first, as Streamdown completes it), is rendered from its text,
 * without the parse (a few milliseconds a piece, most of what a heading or short list costs; while
 * it streams, again on every delta).
 */
export const MarkdownChunk = memo(function MarkdownChunk({ text, streaming }: MarkdownChunkProps) {
  const math = useMathLoaded(text);
  const plain = plainBlock(streaming ? remend(text) : text);
  if (plain) return <PlainBlockView block={plain} />;
  return (
    <Streamdown
      mode={streaming ? 'streaming' : 'static'}
      parseIncompleteMarkdown={streaming}
      isAnimating={streaming}
      {...(streaming ? {} : { parseMarkdownIntoBlocksFn: ONE_BLOCK })}
      plugins={math ? MARKDOWN_PLUGINS_WITH_KATEX : MARKDOWN_PLUGINS}
      remarkPlugins={MARKDOWN_REMARK_PLUGINS}
      rehypePlugins={rehypePluginsFor(MARKDOWN_REHYPE_PLUGINS, text)}
      controls={MARKDOWN_CONTROLS}
      linkSafety={MARKDOWN_LINK_SAFETY}
      shikiTheme={MARKDOWN_THEMES}
      className="markdown-chunk"
    >
      {text}
    </Streamdown>
  );
});
