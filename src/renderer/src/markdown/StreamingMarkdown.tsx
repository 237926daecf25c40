import { memo, useMemo, useState } from 'react';
import { MarkdownChunk } from './MarkdownChunk';
import { SegmentedParagraph } from './SegmentedParagraph';
import { SettledBlockSplitter, type MarkdownPiece, type SplitResult } from './settledBlockSplitter';
import { StreamingCodeBlock } from './StreamingCodeBlock';
import { useMountedCount } from './useMountedCount';

interface StreamingMarkdownProps {
  readonly text: string;
  readonly streaming: boolean;
}

/** One piece; memoised on the piece object, which the splitter keeps the same once it settled. */
const Piece = memo(function Piece({
  piece,
  streaming,
}: {
  readonly piece: MarkdownPiece;
  readonly streaming: boolean;
}) {
  switch (piece.kind) {
    case 'markdown':
      return <MarkdownChunk text={piece.text} streaming={streaming} />;
    case 'paragraph':
      return <SegmentedParagraph segments={piece.segments} open={piece.open} streaming={streaming} />;
    case 'code':
      return <StreamingCodeBlock language={piece.language} code={piece.code} streaming={streaming && !piece.closed} />;
  }
});

/**
 * The pieces of one text as the splitter left them; the tail is still being written while `streaming`.
 * Pieces that settle in one update mount a few a frame (the tail waits for them), so a burst costs
 * several short frames instead of one long task.
 */
export function MarkdownPieces({ settled, ended, tail, streaming }: SplitResult & { readonly streaming: boolean }) {
  const shown = useMountedCount(settled.length);
  // The same elements while no piece settled: React skips each without comparing its props, and
  // the tail keeps its place among them (a settling piece stays mounted: same parent, same key).
  const settledElements = useMemo(
    () => settled.slice(0, shown).map((piece, index) => <Piece key={index} piece={piece} streaming={false} />),
    [settled, shown],
  );
  if (shown < settled.length) return <div className="markdown">{settledElements}</div>;
  // One list of siblings keyed by position: the tail that settles, and a paragraph the last line
  // ended, keep their place (and what they rendered) among the settled pieces.
  const children = [...settledElements];
  if (ended) children.push(<Piece key={settled.length} piece={ended} streaming={false} />);
  if (tail) children.push(<Piece key={children.length} piece={tail} streaming={streaming} />);
  return <div className="markdown">{children}</div>;
}

/**
 * Markdown that grows: settled pieces are rendered once and kept (keyed by position); a delta
 * re-renders only the tail piece, and within it only what grew (the last run of a long paragraph,
 * the last lines of an open code block). A finished message goes through the same splitter, so
 * when a stream completes nothing already shown renders again.
 */
export function StreamingMarkdown({ text, streaming }: StreamingMarkdownProps) {
  const [splitter] = useState(() => new SettledBlockSplitter());
  const split = useMemo(() => splitter.update(text), [splitter, text]);
  return <MarkdownPieces {...split} streaming={streaming} />;
}
