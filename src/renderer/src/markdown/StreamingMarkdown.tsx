import { useMemo, useState } from 'react';
import { MarkdownChunk } from './MarkdownChunk';
import { SettledBlockSplitter } from './settledBlockSplitter';

interface StreamingMarkdownProps {
  readonly text: string;
  readonly streaming: boolean;
}

/**
 * Markdown that grows: settled chunks are rendered once and kept (memoised, keyed by position);
 * only the tail after the last settled chunk is re-parsed per delta. A finished message goes
 * through the same splitter, so when a stream completes nothing already shown renders again.
 */
export function StreamingMarkdown({ text, streaming }: StreamingMarkdownProps) {
  const [splitter] = useState(() => new SettledBlockSplitter());
  const { settled, tail } = useMemo(() => splitter.update(text), [splitter, text]);
  return (
    <div className="markdown">
      {settled.map((chunk, index) => (
        <MarkdownChunk key={index} text={chunk} streaming={false} />
      ))}
      {tail && <MarkdownChunk key={settled.length} text={tail} streaming={streaming} />}
    </div>
  );
}
