import type { MessagePart } from '../../../../shared/contract';
import { StreamingMarkdown } from '../../markdown/StreamingMarkdown';
import { ElicitationForm } from './ElicitationForm';
import { useLiveRunActivity } from './liveRunContext';
import { messageItems } from './messageItems';
import { RunErrorNotice } from './RunErrorNotice';
import { ToolCallCard } from './ToolCallCard';

interface MessagePartsProps {
  readonly sessionId: string;
  readonly parts: readonly MessagePart[];
  readonly streaming: boolean;
  readonly onRetry?: () => void;
}

/** An assistant message's body: markdown text, tool cards and errors in the order they happened. */
export function MessageParts({ sessionId, parts, streaming, onRetry }: MessagePartsProps) {
  const activity = useLiveRunActivity();
  const live = streaming ? activity : undefined;
  const questionsFor = (toolCallId: string | null) =>
    (live?.elicitations ?? [])
      .filter((question) => question.toolCallId === toolCallId)
      .map((question) => <ElicitationForm key={question.id} sessionId={live!.sessionId} question={question} />);
  const calls = new Set(parts.flatMap((part) => (part.type === 'tool-call' ? [part.toolCallId] : [])));
  return (
    <>
      {messageItems(parts).map((item) => {
        switch (item.kind) {
          case 'text':
            return <StreamingMarkdown key={item.key} text={item.part.text} streaming={streaming && item.isLast} />;
          case 'tool': {
            const toolCallId = item.call?.toolCallId ?? item.result?.toolCallId;
            const card = (
              <ToolCallCard
                key={item.key}
                sessionId={sessionId}
                call={item.call}
                result={item.result}
                approval={item.approval}
                running={streaming}
                progress={toolCallId ? live?.toolProgress[toolCallId] : undefined}
              />
            );
            return item.call ? [card, ...questionsFor(item.call.toolCallId)] : card;
          }
          case 'error':
            return <RunErrorNotice key={item.key} message={item.message} onRetry={onRetry} />;
        }
      })}
      {/* Questions not tied to a tool card shown here (their call is unknown). */}
      {(live?.elicitations ?? [])
        .filter((question) => question.toolCallId === null || !calls.has(question.toolCallId))
        .map((question) => (
          <ElicitationForm key={question.id} sessionId={live!.sessionId} question={question} />
        ))}
    </>
  );
}
