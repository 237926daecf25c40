import { useNow } from '../../hooks/useNow';
import { useRecallsHealthStore } from '../../stores/recallsHealthStore';
import { formatRelative } from './formatTime';

/** Says why due recalls are waiting (a full disk) and when Navi tries again; nothing when all is well. */
export function SchedulerProblem() {
  const problem = useRecallsHealthStore((state) => state.health.problem);
  const now = useNow([problem?.retryAt]);
  if (!problem) return null;
  const retry = problem.retryAt > now ? `Next try ${formatRelative(problem.retryAt, now)}.` : 'Trying again now.';
  return (
    <p className="scheduler-problem" role="status">
      {problem.message} {retry}
    </p>
  );
}
