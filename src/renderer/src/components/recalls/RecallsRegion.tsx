import { memo, useId, useRef, useState } from 'react';
import { useRecallsPanelStore } from '../../stores/recallsPanelStore';
import { isActive, useSessionRecalls } from '../../stores/recallStore';
import { NotificationPrompt } from './NotificationPrompt';
import { RecallForm } from './RecallForm';
import { RecallList } from './RecallList';
import { RecallsBar } from './RecallsBar';
import { SchedulerProblem } from './SchedulerProblem';
import './recalls.css';

/**
 * The conversation's recalls, under its header: a one-line summary that opens to the list (next run,
 * schedule in words, status, last outcome, actions) and the create form. Live from recall events.
 */
// Memoised: the conversation re-renders with every streamed piece; its recalls do not change with them.
export const RecallsRegion = memo(function RecallsRegion({ sessionId }: { readonly sessionId: string }) {
  const recalls = useSessionRecalls(sessionId);
  const open = useRecallsPanelStore((state) => state.open);
  const setOpen = useRecallsPanelStore((state) => state.setOpen);
  const [creating, setCreating] = useState(false);
  const bodyId = useId();
  const newButton = useRef<HTMLButtonElement>(null);
  const closeForm = (saved: boolean): void => {
    setCreating(false);
    if (saved) setOpen(true);
    requestAnimationFrame(() => newButton.current?.focus());
  };
  const listShown = open && recalls.length > 0;
  return (
    <section
      className={`recalls-region${listShown || creating ? ' expanded' : ''}`}
      aria-label="Recalls"
      data-session-id={sessionId}
    >
      <RecallsBar
        recalls={recalls}
        expanded={listShown}
        bodyId={bodyId}
        creating={creating}
        newButtonRef={newButton}
        onToggle={() => setOpen(!listShown)}
        onNew={() => setCreating(true)}
      />
      <div className="recalls-body" id={bodyId} hidden={!listShown && !creating}>
        {listShown && <SchedulerProblem />}
        {listShown && recalls.some(isActive) && <NotificationPrompt />}
        {listShown && <RecallList recalls={recalls} label="Recalls of this conversation" />}
        {creating && <RecallForm sessionId={sessionId} onDone={closeForm} />}
      </div>
    </section>
  );
});
