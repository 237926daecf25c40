import type { MessagePart } from '../../../../shared/contract';
import { StreamingMarkdown } from '../../markdown/StreamingMarkdown';
import { messageItems } from './messageItems';
import { RunErrorNotice } from './RunErrorNotice';
import { ToolCallCard } from './ToolCallCard';

interface MessagePartsProps {
  readonly parts: readonly MessagePart[];
  readonly streaming: boolean;
  readonly onRetry?: () => void;
}

/** An assistant message's body: markdown text, tool cards and errors in the order they happened. */
export function MessageParts({ parts, streaming, onRetry }: MessagePartsProps) {
  return (
    <>
      {messageItems(parts).map((item) => {
        switch (item.kind) {
          case 'text':
            return <StreamingMarkdown key={item.key} text={item.part.text} streaming={streaming && item.isLast} />;
          case 'tool':
            return <ToolCallCard key={item.key} call={item.call} result={item.result} running={streaming} />;
          case 'error':
            return <RunErrorNotice key={item.key} message={item.message} onRetry={onRetry} />;
        }
      })}
    </>
  );
}
