import { createTask } from 'node-cron';

/**
 * The one place Navi reaches past node-cron's public API. node-cron computes the next match in an
 * IANA zone (DST-aware) only on a task's private `timeMatcher` (its public `getNextRuns` starts at
 * the machine's real clock, which the scheduler never reads directly). node-cron is pinned exactly
 * in package.json; tests/unit/recalls/nodeCronSeam.test.ts checks this seam against the public
 * `match()` so an upgrade that moves it fails there, not in a person's recalls.
 */
interface PrivateTimeMatcher {
  getNextMatch(date: Date): Date;
  match(date: Date): boolean;
}

export interface CronMatcher {
  /** The first matching instant strictly after `after`; throws when none comes within 100 years. */
  next(after: number): number;
  matches(at: number): boolean;
}

/** Thrown when node-cron no longer exposes what the seam needs (an upgrade changed it). */
export class CronSeamBroken extends Error {}

/** A matcher for a validated expression in a zone. A task that is never started keeps no timer. */
export function createCronMatcher(expression: string, timeZone: string): CronMatcher {
  const task = createTask(expression, () => {}, { timezone: timeZone });
  try {
    const matcher = (task as unknown as { timeMatcher?: PrivateTimeMatcher }).timeMatcher;
    if (typeof matcher?.getNextMatch !== 'function' || typeof matcher.match !== 'function') {
      throw new CronSeamBroken('This version of node-cron does not expose next-run computation');
    }
    return {
      next: (after) => matcher.getNextMatch(new Date(after)).getTime(),
      matches: (at) => matcher.match(new Date(at)),
    };
  } finally {
    // Removes it from node-cron's registry of tasks.
    void task.destroy();
  }
}
