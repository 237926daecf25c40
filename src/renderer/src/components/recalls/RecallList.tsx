import { useCallback, useState } from 'react';
import type { Recall } from '../../../../shared/contract';
import { ErrorBoundary, RenderFailure } from '../common/ErrorBoundary';
import { RecallForm } from './RecallForm';
import { RecallItem } from './RecallItem';

interface RecallListProps {
  readonly recalls: readonly Recall[];
  readonly label: string;
  /** Conversation titles by session id, where recalls of several conversations are listed. */
  readonly titles?: (sessionId: string) => string;
}

/** A list of recalls; "Edit" turns a row into the form in place. */
export function RecallList({ recalls, label, titles }: RecallListProps) {
  const [editingId, setEditingId] = useState<string>();
  const edit = useCallback((recall: Recall) => setEditingId(recall.id), []);
  return (
    <ul className="recall-list" aria-label={label}>
      {recalls.map((recall) =>
        recall.id === editingId ? (
          <li key={recall.id} className="recall-item editing">
            <RecallForm sessionId={recall.sessionId} recall={recall} onDone={() => setEditingId(undefined)} />
          </li>
        ) : (
          <ErrorBoundary
            key={recall.id}
            resetKey={recall}
            fallback={(retry) => (
              <li className="recall-item" data-recall-id={recall.id}>
                <RenderFailure what="this recall" retry={retry} />
              </li>
            )}
          >
            <RecallItem recall={recall} conversationTitle={titles?.(recall.sessionId)} onEdit={edit} />
          </ErrorBoundary>
        ),
      )}
    </ul>
  );
}
