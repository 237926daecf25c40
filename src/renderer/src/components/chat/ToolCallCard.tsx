import { memo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { MessagePart, ToolProgress } from '../../../../shared/contract';
import { approvalOutcomeText } from '../../../../shared/contract/display';
import { Icon } from '../common/Icon';
import { formatJson } from './formatJson';
import { ToolApprovalCard } from './ToolApprovalCard';
import { ToolOutput } from './ToolOutput';
import { ToolProgressBar } from './ToolProgressBar';
import { ToolRunLogDialog } from './ToolRunLogDialog';

interface ToolCallCardProps {
  readonly sessionId: string;
  readonly call?: Extract<MessagePart, { type: 'tool-call' }>;
  readonly result?: Extract<MessagePart, { type: 'tool-result' }>;
  /** Present when the call needed a person's OK. */
  readonly approval?: Extract<MessagePart, { type: 'tool-approval' }>;
  /** The run is still going, so a call without a result is still running (not abandoned). */
  readonly running: boolean;
  /** The latest progress its MCP server reported while it runs. */
  readonly progress?: ToolProgress;
}

function statusOf({ result, running, approval }: ToolCallCardProps): { label: string; tone: string } {
  if (approval?.state === 'denied') return { label: 'denied', tone: 'refused' };
  if (approval?.state === 'expired' || approval?.state === 'cancelled') return { label: 'not run', tone: 'muted' };
  if (approval?.state === 'pending' && running) return { label: 'waiting for your OK', tone: 'pending' };
  if (result?.isError) return { label: 'failed', tone: 'error' };
  if (result) return { label: 'done', tone: 'ok' };
  return running ? { label: 'running…', tone: 'running' } : { label: 'no result', tone: 'muted' };
}

/**
 * A tool call as a collapsible card: its name and status; open for arguments, result, how it was
 * allowed and the conversation's tool-run log. While it waits for a person's OK it is the approval card.
 */
export const ToolCallCard = memo(function ToolCallCard(props: ToolCallCardProps) {
  const { sessionId, call, result, approval, running } = props;
  const [logOpen, setLogOpen] = useState(false);
  if (approval?.state === 'pending' && running) return <ToolApprovalCard sessionId={sessionId} approval={approval} />;
  const name = call?.toolName ?? result?.toolName ?? 'tool';
  const status = statusOf(props);
  const toolCallId = call?.toolCallId ?? result?.toolCallId;
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
      <p className="tool-approval-outcome">
        {approval && <span>{approvalOutcomeText(approval)}</span>}
        <button type="button" className="button subtle small" onClick={() => setLogOpen(true)}>
          Tool run log
        </button>
      </p>
      {/* Outside the card, so its styles and its open/closed state do not reach into the dialog. */}
      {logOpen &&
        createPortal(
          <ToolRunLogDialog sessionId={sessionId} toolCallId={toolCallId} onClose={() => setLogOpen(false)} />,
          document.body,
        )}
    </details>
  );
});
