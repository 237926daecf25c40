import { memo } from 'react';
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
} from './markdownOptions';

interface MarkdownChunkProps {
  readonly text: string;
  /** Still being written: unfinished syntax (an open code fence, a half link) is completed for display. */
  readonly streaming: boolean;
}

/**
 * One piece of a message's markdown. Memoised on its text: a settled chunk renders once (and once
 * more when KaTeX arrives, if it may hold a formula).
 */
export const MarkdownChunk = memo(function MarkdownChunk({ text, streaming }: MarkdownChunkProps) {
  const math = useMathLoaded(text);
  return (
    <Streamdown
      mode={streaming ? 'streaming' : 'static'}
      parseIncompleteMarkdown={streaming}
      isAnimating={streaming}
      plugins={math ? MARKDOWN_PLUGINS_WITH_KATEX : MARKDOWN_PLUGINS}
      remarkPlugins={MARKDOWN_REMARK_PLUGINS}
      rehypePlugins={MARKDOWN_REHYPE_PLUGINS}
      controls={MARKDOWN_CONTROLS}
      linkSafety={MARKDOWN_LINK_SAFETY}
      shikiTheme={MARKDOWN_THEMES}
      className="markdown-chunk"
    >
      {text}
    </Streamdown>
  );
});
