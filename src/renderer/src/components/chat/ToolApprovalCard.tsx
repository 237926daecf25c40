import { useState } from 'react';
import type { ApprovalAnswer, ToolApprovalPart } from '../../../../shared/contract';
import { toolDisplayName } from '../../../../shared/contract/display';
import { useNow } from '../../hooks/useNow';
import { useApi } from '../../lib/apiContext';
import { errorMessage } from '../../lib/errorMessage';
import { Icon } from '../common/Icon';
import { formatRunTime } from '../recalls/formatTime';
import { formatJson } from './formatJson';
import './toolApproval.css';

interface ToolApprovalCardProps {
  readonly sessionId: string;
  readonly approval: ToolApprovalPart;
}

/**
 * A tool call waiting for a person's OK: the tool, its server and its arguments, with "Allow once",
 * "Always allow" and "Deny". Every window shows the same card; the first answer wins and the others
 * update from the run's events (an answer that came too late changes nothing).
 */
export function ToolApprovalCard({ sessionId, approval }: ToolApprovalCardProps) {
  const api = useApi();
  const [sending, setSending] = useState<ApprovalAnswer>();
  const [error, setError] = useState<string>();
  const name = toolDisplayName(approval.toolLabel, approval.serverName);
  const now = useNow();

  const answer = async (choice: ApprovalAnswer): Promise<void> => {
    setSending(choice);
    setError(undefined);
    try {
      await api.chat.answerApproval({ sessionId, approvalId: approval.approvalId, answer: choice });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSending(undefined);
    }
  };

  return (
    <section className="tool-card tool-approval-card" aria-label={`Navi needs your OK to run ${name}`}>
      <header className="tool-approval-head">
        <span className="tool-icon">
          <Icon name="tool" />
        </span>
        <span>
          Navi wants to run <span className="tool-name">{approval.toolLabel}</span>
          {approval.serverName && (
            <>
              {' '}
              from the MCP server <strong>{approval.serverName}</strong>
            </>
          )}
        </span>
      </header>
      <div className="tool-section">
        <h4>Arguments</h4>
        <pre>{formatJson(approval.input) || '(none)'}</pre>
      </div>
      {approval.expiresAt !== null && (
        <p className="tool-approval-note">
          A recall is waiting for your answer. If nobody answers by {formatRunTime(approval.expiresAt, now, true)}, the
          run ends without running it.
        </p>
      )}
      <div className="tool-approval-actions">
        <button
          type="button"
          className="button primary"
          disabled={sending !== undefined}
          onClick={() => void answer('allow-once')}
        >
          Allow once
        </button>
        <button
          type="button"
          className="button"
          disabled={sending !== undefined}
          title="Run it now and from now on without asking (change it in Settings, Tool permissions)"
          onClick={() => void answer('always-allow')}
        >
          Always allow
        </button>
        <button
          type="button"
          className="button danger"
          disabled={sending !== undefined}
          onClick={() => void answer('deny')}
        >
          Deny
        </button>
      </div>
      {error && (
        <p className="inline-error tool-approval-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
