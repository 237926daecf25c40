import { z } from 'zod';
import { defineService, method } from '../rpc/service';
import { SessionId } from './sessions';

export const RecallKind = z.enum(['once', 'interval', 'cron']);
export const RecallStatus = z.enum(['pending', 'running', 'paused', 'done', 'cancelled', 'failed']);
export type RecallStatus = z.infer<typeof RecallStatus>;
/** What to do about runs missed while Navi was closed or asleep. */
export const MissedRunPolicy = z.enum(['catch_up_once', 'skip']);
export type MissedRunPolicy = z.infer<typeof MissedRunPolicy>;
export const RecallOutcome = z.enum(['success', 'failed', 'max_iterations', 'deferred', 'missed', 'skipped']);
export type RecallOutcome = z.infer<typeof RecallOutcome>;

export const MAX_RECALL_MESSAGE_CHARS = 4000;
export const MIN_INTERVAL_SECONDS = 60;

/** When a recall fires. "In …" is a `once` at now + delay, worked out by whoever asks. */
export const RecallSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), at: z.number().int().describe('ms since the epoch') }),
  z.object({
    kind: z.literal('interval'),
    everySeconds: z
      .number()
      .int()
      .min(MIN_INTERVAL_SECONDS, `An interval must be at least ${MIN_INTERVAL_SECONDS} seconds`),
    /** The first run; defaults to one interval from now. */
    startAt: z.number().int().optional(),
  }),
  z.object({ kind: z.literal('cron'), expression: z.string().min(1), timeZone: z.string().min(1) }),
]);
export type RecallSchedule = z.infer<typeof RecallSchedule>;

export const Recall = z.object({
  id: z.string(),
  sessionId: z.string(),
  kind: RecallKind,
  triggerAt: z.number().nullable(),
  intervalSeconds: z.number().nullable(),
  cronExpression: z.string().nullable(),
  timeZone: z.string().nullable(),
  message: z.string(),
  status: RecallStatus,
  missedPolicy: MissedRunPolicy,
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
});
export type RecallRun = z.infer<typeof RecallRun>;

const RecallMessage = z
  .string()
  .trim()
  .min(1, 'A recall needs a message (what to do when it fires)')
  .max(MAX_RECALL_MESSAGE_CHARS, `A recall message can be at most ${MAX_RECALL_MESSAGE_CHARS} characters`);
const RecallId = z.string().min(1).max(100);

export const recallsService = defineService('recalls', {
  list: method({ input: z.object({ sessionId: SessionId.optional() }).optional(), output: z.array(Recall) }),
  create: method({
    input: z.object({
      sessionId: SessionId,
      schedule: RecallSchedule,
      message: RecallMessage,
      missedPolicy: MissedRunPolicy.optional(),
    }),
    output: Recall,
  }),
  update: method({
    input: z.object({
      id: RecallId,
      schedule: RecallSchedule.optional(),
      message: RecallMessage.optional(),
      missedPolicy: MissedRunPolicy.optional(),
    }),
    output: Recall,
  }),
  pause: method({ input: z.object({ id: RecallId }), output: Recall }),
  resume: method({ input: z.object({ id: RecallId }), output: Recall }),
  runNow: method({ input: z.object({ id: RecallId }), output: Recall }),
  delete: method({ input: z.object({ id: RecallId }), output: z.object({ deleted: z.boolean() }) }),
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
