import { memo } from 'react';
import type { MessagePart, ToolProgress } from '../../../../shared/contract';
import { Icon } from '../common/Icon';
import { formatJson } from './formatJson';
import { ToolOutput } from './ToolOutput';
import { ToolProgressBar } from './ToolProgressBar';

interface ToolCallCardProps {
  readonly call?: Extract<MessagePart, { type: 'tool-call' }>;
  readonly result?: Extract<MessagePart, { type: 'tool-result' }>;
  /** The run is still going, so a call without a result is still running (not abandoned). */
  readonly running: boolean;
  /** The latest progress its MCP server reported while it runs. */
  readonly progress?: ToolProgress;
}

function statusOf({ result, running }: ToolCallCardProps): { label: string; tone: string } {
  if (result?.isError) return { label: 'failed', tone: 'error' };
  if (result) return { label: 'done', tone: 'ok' };
  return running ? { label: 'running…', tone: 'running' } : { label: 'no result', tone: 'muted' };
}

/** A tool call as a collapsible card: its name and status; open for arguments and result. */
export const ToolCallCard = memo(function ToolCallCard(props: ToolCallCardProps) {
  const { call, result } = props;
  const name = call?.toolName ?? result?.toolName ?? 'tool';
  const status = statusOf(props);
  return (
    <details className={`tool-card tool-${status.tone}`}>
      <summary>
        <span className="tool-icon">
          <Icon name="tool" />
        </span>
        <span className="tool-name">{name}</span>
        <span className="tool-status">{status.label}</span>
      </summary>
      {props.progress && !result && <ToolProgressBar progress={props.progress} />}
      {call && (
        <div className="tool-section">
          <h4>Arguments</h4>
          <pre>{formatJson(call.input) || '(none)'}</pre>
        </div>
      )}
      {result && (
        <div className="tool-section">
          <h4>{result.isError ? 'Error' : 'Result'}</h4>
          <ToolOutput output={result.output} isError={result.isError} />
        </div>
      )}
    </details>
  );
});
