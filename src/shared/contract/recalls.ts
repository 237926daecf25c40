import { z } from 'zod';
import { defineService, method } from '../rpc/service';
import {
  MAX_CRON_EXPRESSION_CHARS,
  MAX_INTERVAL_SECONDS,
  MAX_RECALL_MESSAGE_CHARS,
  MAX_RECALL_RUNS,
  MAX_RECALL_TIME,
  MAX_SNOOZE_MINUTES,
  MAX_SCHEDULE_TEXT_CHARS,
  MIN_INTERVAL_SECONDS,
} from './limits';
import { SessionId } from './sessions';
import { UnattendedPolicy } from './toolApproval';
import { ToolRunEntry } from './tools';

export const RecallKind = z.enum(['once', 'interval', 'cron']);
export const RecallStatus = z.enum(['pending', 'running', 'paused', 'done', 'cancelled', 'failed']);
export type RecallStatus = z.infer<typeof RecallStatus>;
/** What to do about runs missed while Navi was closed or asleep. */
export const MissedRunPolicy = z.enum(['catch_up_once', 'skip']);
export type MissedRunPolicy = z.infer<typeof MissedRunPolicy>;
/**
 * When a run of this recall shows a notification: `always`; `attention`: only when it failed or
 * its reply asks for attention (a question, or words like "urgent"); `never`.
 */
export const RecallNotifyPolicy = z.enum(['always', 'attention', 'never']);
export type RecallNotifyPolicy = z.infer<typeof RecallNotifyPolicy>;
/**
 * How one run of a recall ended. `stopped`: a person stopped the reply. `interrupted`: Navi closed or
 * crashed while it ran (it counts as one failed try).
 */
export const RecallOutcome = z.enum([
  'success',
  'failed',
  'max_iterations',
  'deferred',
  'missed',
  'skipped',
  'stopped',
  'interrupted',
]);
export type RecallOutcome = z.infer<typeof RecallOutcome>;

/** A time a recall may name: one a `Date` can show and a person can read (1970 to 9999). */
const RecallTime = z
  .number()
  .int('A time must be a whole number of milliseconds since 1970')
  .min(0, 'A time must be after 1 January 1970')
  .max(MAX_RECALL_TIME, 'A time must be before the year 10000');

/**
 * Why a cron expression would fire more often than once a minute, if it would: a sixth (seconds)
 * field must name one second, such as `0`.
 */
export function cronSecondsProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6 || /^\d{1,2}$/.test(fields[0]!)) return undefined;
  return `a recall runs at most once a minute, so the seconds field (the first of six) must be one number such as 0, not '${fields[0]}'`;
}

const CronExpression = z
  .string()
  .trim()
  .min(1, 'A cron expression cannot be empty')
  .max(MAX_CRON_EXPRESSION_CHARS, `A cron expression can be at most ${MAX_CRON_EXPRESSION_CHARS} characters`)
  .superRefine((expression, context) => {
    const problem = cronSecondsProblem(expression);
    if (problem) context.addIssue({ code: 'custom', message: `Not a valid expression: ${problem}` });
  });

const TimeZoneName = z.string().min(1).max(100);

/** A schedule said in words or as a cron expression, read in a time zone (the core parses it). */
export const ScheduleText = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'Say when, such as "tomorrow at 9" or "every weekday at 8:30"')
    .max(MAX_SCHEDULE_TEXT_CHARS, `Say when in at most ${MAX_SCHEDULE_TEXT_CHARS} characters`),
  timeZone: TimeZoneName,
  /** `cron`: only a cron expression; `words`: plain language (a cron expression is read too). */
  as: z.enum(['cron', 'words']).default('words'),
});
export type ScheduleText = z.input<typeof ScheduleText>;

/** When a recall fires. "In …" is a `once` at now + delay, worked out by whoever asks. */
export const RecallSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), at: RecallTime.describe('ms since the epoch') }),
  z.object({
    kind: z.literal('interval'),
    everySeconds: z
      .number()
      .int('An interval must be a whole number of seconds')
      .min(MIN_INTERVAL_SECONDS, `An interval must be at least ${MIN_INTERVAL_SECONDS} seconds`)
      .max(MAX_INTERVAL_SECONDS, `An interval can be at most ${MAX_INTERVAL_SECONDS} seconds (ten years)`),
    /** The first run; defaults to one interval from now. */
    startAt: RecallTime.optional(),
    /** For whole days: keep the first run's wall-clock time in this zone across daylight saving changes. */
    timeZone: TimeZoneName.optional(),
  }),
  z.object({ kind: z.literal('cron'), expression: CronExpression, timeZone: TimeZoneName }),
]);
export type RecallSchedule = z.infer<typeof RecallSchedule>;

/**
 * What a schedule means, before it is saved: whether it is valid (and if not, why, in one sentence),
 * the schedule it was read as, that schedule in words, and its next runs.
 */
export const SchedulePreview = z.object({
  problem: z.string().nullable(),
  schedule: RecallSchedule.nullable(),
  words: z.string().nullable(),
  nextRuns: z.array(z.number()),
});
export type SchedulePreview = z.infer<typeof SchedulePreview>;

export const Recall = z.object({
  id: z.string(),
  sessionId: z.string(),
  kind: RecallKind,
  triggerAt: z.number().nullable(),
  intervalSeconds: z.number().nullable(),
  cronExpression: z.string().nullable(),
  timeZone: z.string().nullable(),
  /** The schedule in words, local to the person's zone ("At 08:30 AM, Monday through Friday (Europe/Berlin)"). */
  scheduleWords: z.string(),
  message: z.string(),
  status: RecallStatus,
  missedPolicy: MissedRunPolicy,
  /** When a tool needs a person's OK during a run: wait for it (notified), or deny and continue. */
  unattendedPolicy: UnattendedPolicy,
  /** A recurring recall ends after this time (no run is due later), if set. */
  endsAt: z.number().nullable(),
  /** A recurring recall ends after this many runs, if set. */
  maxRuns: z.number().int().nullable(),
  /** Runs so far (slots that ran, not retries or skipped ones). */
  runCount: z.number().int(),
  notify: RecallNotifyPolicy,
  /** Cancelled when the person writes in its conversation before it runs. */
  cancelOnReply: z.boolean(),
  createdBy: z.enum(['agent', 'user']),
  nextRunAt: z.number().nullable(),
  attempts: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastRunAt: z.number().nullable(),
  lastOutcome: RecallOutcome.nullable(),
  lastError: z.string().nullable(),
});
export type Recall = z.infer<typeof Recall>;

export const RecallRun = z.object({
  id: z.number().int(),
  recallId: z.string(),
  sessionId: z.string(),
  dueAt: z.number(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  outcome: RecallOutcome,
  error: z.string().nullable(),
  runId: z.string().nullable(),
  /** The tool calls this run asked a person about, and how each was answered. */
  approvals: z.array(ToolRunEntry).optional(),
});
export type RecallRun = z.infer<typeof RecallRun>;

/**
 * Whether the scheduler can do its work. When it cannot (the disk is full, the database is
 * read-only or damaged), `problem` says why in words, which recalls are waiting, and when it tries
 * again; it clears by itself once a try succeeds.
 */
export const RecallsHealth = z.object({
  problem: z
    .object({
      message: z.string(),
      since: z.number(),
      retryAt: z.number(),
      waitingRecallIds: z.array(z.string()),
    })
    .nullable(),
});
export type RecallsHealth = z.infer<typeof RecallsHealth>;

const RecallMessage = z
  .string()
  .trim()
  .min(1, 'A recall needs a message (what to do when it fires)')
  .max(MAX_RECALL_MESSAGE_CHARS, `A recall message can be at most ${MAX_RECALL_MESSAGE_CHARS} characters`);
const RecallId = z.string().min(1).max(100);

/** How a recall ends, what it notifies, and whether a reply cancels it (create and update). */
const RecallControls = {
  endsAt: RecallTime.nullable().optional(),
  maxRuns: z
    .number()
    .int('A number of runs is a whole number')
    .min(1, 'End after at least 1 run')
    .max(MAX_RECALL_RUNS, `End after at most ${MAX_RECALL_RUNS} runs`)
    .nullable()
    .optional(),
  notify: RecallNotifyPolicy.optional(),
  cancelOnReply: z.boolean().optional(),
};

export { SNOOZE_MINUTES } from './display';

export const recallsService = defineService('recalls', {
  list: method({ input: z.object({ sessionId: SessionId.optional() }).optional(), output: z.array(Recall) }),
  create: method({
    input: z.object({
      sessionId: SessionId,
      /** Either a schedule, or `when` in words (read by the core at the moment it is saved). */
      schedule: RecallSchedule.optional(),
      when: ScheduleText.optional(),
      message: RecallMessage,
      missedPolicy: MissedRunPolicy.optional(),
      unattendedPolicy: UnattendedPolicy.optional(),
      ...RecallControls,
    }),
    output: Recall,
  }),
  /** What a schedule in words or cron means: validity, words, next runs. Never throws for bad input. */
  preview: method({ input: ScheduleText, output: SchedulePreview }),
  update: method({
    input: z.object({
      id: RecallId,
      schedule: RecallSchedule.optional(),
      when: ScheduleText.optional(),
      message: RecallMessage.optional(),
      missedPolicy: MissedRunPolicy.optional(),
      unattendedPolicy: UnattendedPolicy.optional(),
      ...RecallControls,
    }),
    output: Recall,
  }),
  /** Puts off its next run by this many minutes (the schedule goes on after it). */
  snooze: method({
    input: z.object({
      id: RecallId,
      minutes: z
        .number()
        .int()
        .min(1, 'Snooze for at least a minute')
        .max(MAX_SNOOZE_MINUTES, `Snooze for at most ${MAX_SNOOZE_MINUTES / 1440} days`),
    }),
    output: Recall,
  }),
  pause: method({ input: z.object({ id: RecallId }), output: Recall }),
  resume: method({ input: z.object({ id: RecallId }), output: Recall }),
  runNow: method({ input: z.object({ id: RecallId }), output: Recall }),
  delete: method({ input: z.object({ id: RecallId }), output: z.object({ deleted: z.boolean() }) }),
  health: method({ input: z.undefined(), output: RecallsHealth }),
  history: method({
    input: z
      .object({
        recallId: RecallId.optional(),
        sessionId: SessionId.optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .optional(),
    output: z.array(RecallRun),
  }),
});
