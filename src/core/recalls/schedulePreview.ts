import { SCHEDULE_PREVIEW_RUNS, type SchedulePreview, type ScheduleText } from '../../shared/contract';
import { ScheduleError } from './cron/cronSchedule';
import { resolveSchedule, scheduleInWords, upcomingRuns } from './schedule';
import { readSchedule } from './words/readSchedule';

/**
 * What a schedule said in words or cron means, for the form before saving: the schedule it was read
 * as, in words, and its next runs, or why it cannot be used (one sentence). Never throws for bad input.
 */
export function previewSchedule(input: ScheduleText, now: number): SchedulePreview {
  try {
    const schedule = readSchedule(input, now);
    const { columns, firstRun } = resolveSchedule(schedule, now, input.timeZone);
    return {
      problem: null,
      schedule,
      words: scheduleInWords(columns, { now, timeZone: input.timeZone }),
      nextRuns: upcomingRuns(columns, firstRun, SCHEDULE_PREVIEW_RUNS),
    };
  } catch (error) {
    if (!(error instanceof ScheduleError)) throw error;
    return { problem: error.message, schedule: null, words: null, nextRuns: [] };
  }
}
