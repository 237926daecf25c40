import { useEffect, useMemo, type ReactNode } from 'react';
import { useRecallHistory } from '../../hooks/useRecallHistory';
import { useRecallHistoryStore } from '../../stores/recallHistoryStore';
import { isActive, useAllRecalls, useRecallStore } from '../../stores/recallStore';
import { NotificationPrompt } from './NotificationPrompt';
import { RecallHistoryTable } from './RecallHistoryTable';
import { RecallList } from './RecallList';
import { SchedulerProblem } from './SchedulerProblem';
import { UpcomingRecalls } from './UpcomingRecalls';
import { useConversationTitles } from './useConversationTitles';
import './recalls.css';

function Section({
  id,
  title,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly children: ReactNode;
}) {
  return (
    <section className="scheduled-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** Every recall across conversations (upcoming by day, paused, finished) and the run history; live. */
export function ScheduledView() {
  useRecallHistory();
  const recalls = useAllRecalls();
  const byId = useRecallStore((state) => state.byId);
  const loaded = useRecallStore((state) => state.loaded);
  const loadError = useRecallStore((state) => state.error);
  const runs = useRecallHistoryStore((state) => state.runs);
  const historyLoaded = useRecallHistoryStore((state) => state.loaded);
  const historyError = useRecallHistoryStore((state) => state.error);
  const titled = useMemo(
    () => [...recalls.map((recall) => recall.sessionId), ...runs.map((run) => run.sessionId)],
    [recalls, runs],
  );
  const titles = useConversationTitles(titled);

  useEffect(() => {
    document.title = 'Scheduled — Navi';
    return () => {
      document.title = 'Navi';
    };
  }, []);

  const upcoming = recalls.filter(isActive);
  const paused = recalls.filter((recall) => recall.status === 'paused');
  const finished = recalls.filter((recall) => !isActive(recall) && recall.status !== 'paused');

  return (
    <section className="scheduled-view" aria-labelledby="scheduled-heading">
      <div className="scheduled-inner">
        <h2 id="scheduled-heading">Scheduled</h2>
        <p className="muted scheduled-intro">
          Recalls bring Navi back to a conversation later, once or on a schedule. Times are in your time zone.
        </p>
        <SchedulerProblem />
        <NotificationPrompt persistent />
        {loadError && (
          <p className="inline-error" role="alert">
            Could not load recalls: {loadError}
          </p>
        )}
        <Section id="scheduled-upcoming" title="Upcoming">
          {upcoming.length > 0 ? (
            <UpcomingRecalls recalls={upcoming} titles={titles} />
          ) : (
            loaded && (
              <p className="muted scheduled-empty">
                Nothing is scheduled. Ask Navi to come back later (“check the deploy in two hours”), or add a recall
                from a conversation’s Recalls panel.
              </p>
            )
          )}
        </Section>
        {paused.length > 0 && (
          <Section id="scheduled-paused" title="Paused">
            <RecallList recalls={paused} label="Paused recalls" titles={titles} />
          </Section>
        )}
        {finished.length > 0 && (
          <Section id="scheduled-finished" title="Finished">
            <RecallList recalls={finished} label="Finished recalls" titles={titles} />
          </Section>
        )}
        <Section id="scheduled-history" title="Run history">
          {historyError && (
            <p className="inline-error" role="alert">
              Could not load the run history: {historyError}
            </p>
          )}
          {runs.length > 0 ? (
            <RecallHistoryTable runs={runs} recalls={byId} titles={titles} />
          ) : (
            historyLoaded && <p className="muted scheduled-empty">No recall has run yet.</p>
          )}
        </Section>
      </div>
    </section>
  );
}
