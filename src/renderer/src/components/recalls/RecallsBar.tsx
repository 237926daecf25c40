import type { RefObject } from 'react';
import type { Recall } from '../../../../shared/contract';
import { useNow } from '../../hooks/useNow';
import { Icon } from '../common/Icon';
import { recallSummary } from './recallSummary';

interface RecallsBarProps {
  readonly recalls: readonly Recall[];
  readonly expanded: boolean;
  readonly bodyId: string;
  readonly creating: boolean;
  readonly newButtonRef: RefObject<HTMLButtonElement | null>;
  readonly onToggle: () => void;
  readonly onNew: () => void;
}

/** The panel's always-visible line: a summary, "New recall", and show / hide. */
export function RecallsBar({ recalls, expanded, bodyId, creating, newButtonRef, onToggle, onNew }: RecallsBarProps) {
  const now = useNow(recalls.map((recall) => recall.nextRunAt));
  return (
    <div className="recalls-bar">
      <Icon name="clock" />
      <span className="recalls-title">Recalls</span>
      {recalls.length > 0 && <span className="recalls-count">{recalls.length}</span>}
      <span className="recalls-summary muted">{recallSummary(recalls, now)}</span>
      {!creating && (
        <button type="button" ref={newButtonRef} className="button subtle small" onClick={onNew}>
          <Icon name="plus" /> New recall
        </button>
      )}
      {recalls.length > 0 && (
        <button
          type="button"
          className={`icon-button recalls-toggle${expanded ? ' expanded' : ''}`}
          aria-expanded={expanded}
          aria-controls={bodyId}
          aria-label={expanded ? 'Hide recalls' : 'Show recalls'}
          title={expanded ? 'Hide recalls' : 'Show recalls'}
          onClick={onToggle}
        >
          <Icon name="chevronDown" />
        </button>
      )}
    </div>
  );
}
