import { z } from 'zod';
import type { Recall, RecallSchedule, ScheduleText } from '../../shared/contract';
import {
  MAX_RECALL_MESSAGE_CHARS,
  MAX_SCHEDULE_TEXT_CHARS,
  MAX_RECALL_RUNS,
  MissedRunPolicy,
  RecallNotifyPolicy,
  UNATTENDED_POLICY_TEXT,
  UnattendedPolicy,
} from '../../shared/contract';
import { sayWhen } from '../../shared/time/timeWords';
import { RpcError } from '../../shared/rpc';
import { defineTool, type ToolDefinition } from '../tools/types';
import type { RecallScheduler } from './recallScheduler';

const ScheduleInput = z.object({
  message: z
    .string()
    .min(1)
    .max(MAX_RECALL_MESSAGE_CHARS)
    .describe('What you will be asked to do when the recall fires, written as an instruction to yourself'),
  when: z
    .string()
    .max(MAX_SCHEDULE_TEXT_CHARS)
    .optional()
    .describe(
      'When, in plain words read in the user\'s time zone: "in 2 hours", "tomorrow at 9", "every weekday at 8:30", ' +
        '"every 2 weeks on Monday", "every 15 minutes"; or a cron expression',
    ),
  at: z.string().optional().describe('One time, at this ISO 8601 time with offset, e.g. "2026-11-25T09:00:00+01:00"'),
  in_seconds: z.number().int().positive().optional().describe('One time, this many seconds from now'),
  every_seconds: z.number().int().optional().describe('Repeatedly, every this many seconds (at least 60)'),
  cron: z.string().optional().describe('Repeatedly, on this 5-field cron expression, e.g. "0 9 * * 1-5"'),
  time_zone: z
    .string()
    .optional()
    .describe('IANA time zone for cron, e.g. "Europe/Berlin"; defaults to the user\'s time zone'),
  missed_run_policy: MissedRunPolicy.optional().describe(
    'If Navi was closed when a run was due: catch_up_once (default) runs it once on return; skip does not',
  ),
  when_tool_needs_approval: UnattendedPolicy.optional().describe(
    `When a tool that needs the person's OK is called while the recall runs (nobody may be watching): ` +
      `wait (default) = ${UNATTENDED_POLICY_TEXT.wait}; deny = ${UNATTENDED_POLICY_TEXT.deny}`,
  ),
  ends_at: z
    .string()
    .optional()
    .describe('A repeating recall ends at this ISO 8601 time with offset (no run after it)'),
  max_runs: z
    .number()
    .int()
    .min(1)
    .max(MAX_RECALL_RUNS)
    .optional()
    .describe('A repeating recall ends after this many runs'),
  notify: RecallNotifyPolicy.optional().describe(
    'When a run shows the user a notification: always (default); attention = only if it fails or the reply ' +
      'asks something or says it is urgent; never',
  ),
  cancel_if_user_replies: z
    .boolean()
    .optional()
    .describe(
      'Cancel the recall if the user writes in this conversation before it runs (e.g. "remind me unless I answer")',
    ),
});

/** The end a model gave as ISO 8601, or a readable refusal. */
function endOf(input: z.infer<typeof ScheduleInput>): number | undefined {
  if (input.ends_at === undefined) return undefined;
  const at = Date.parse(input.ends_at);
  if (Number.isNaN(at)) {
    throw new Error(`ends_at '${input.ends_at}' is not a valid ISO 8601 time; use e.g. "2026-12-31T18:00:00+01:00".`);
  }
  return at;
}

export interface RecallToolOptions {
  readonly scheduler: RecallScheduler;
  readonly now: () => number;
  readonly timeZone: () => string;
}

function toSchedule(
  input: z.infer<typeof ScheduleInput>,
  options: RecallToolOptions,
): { schedule: RecallSchedule } | { when: ScheduleText } {
  const given = [input.when, input.at, input.in_seconds, input.every_seconds, input.cron].filter(
    (v) => v !== undefined,
  );
  if (given.length !== 1) {
    throw new Error('Give exactly one of when, at, in_seconds, every_seconds or cron.');
  }
  if (input.when !== undefined) return { when: { text: input.when, timeZone: options.timeZone(), as: 'words' } };
  return { schedule: toExactSchedule(input, options) };
}

function toExactSchedule(input: z.infer<typeof ScheduleInput>, options: RecallToolOptions): RecallSchedule {
  if (input.at !== undefined) {
    const at = Date.parse(input.at);
    if (Number.isNaN(at)) {
      throw new Error(`at '${input.at}' is not a valid ISO 8601 time; use a form like 2026-11-25T09:00:00+01:00.`);
    }
    return { kind: 'once', at };
  }
  if (input.in_seconds !== undefined) return { kind: 'once', at: options.now() + input.in_seconds * 1000 };
  if (input.every_seconds !== undefined) return { kind: 'interval', everySeconds: input.every_seconds };
  return { kind: 'cron', expression: input.cron!, timeZone: input.time_zone ?? options.timeZone() };
}

function describe(recall: Recall, options: RecallToolOptions) {
  const next = recall.nextRunAt;
  return {
    id: recall.id,
    status: recall.status,
    kind: recall.kind,
    schedule: recall.scheduleWords,
    ...(recall.kind === 'cron' ? { cron: recall.cronExpression, time_zone: recall.timeZone } : {}),
    message: recall.message,
    next_run: next === null ? null : new Date(next).toISOString(),
    next_run_local: next === null ? null : sayWhen(next, { now: options.now(), timeZone: options.timeZone() }),
    last_outcome: recall.lastOutcome,
    when_tool_needs_approval: UNATTENDED_POLICY_TEXT[recall.unattendedPolicy],
    ...(recall.endsAt !== null ? { ends_at: new Date(recall.endsAt).toISOString() } : {}),
    ...(recall.maxRuns !== null ? { max_runs: recall.maxRuns, runs_so_far: recall.runCount } : {}),
    notify: recall.notify,
    ...(recall.cancelOnReply ? { cancel_if_user_replies: true } : {}),
  };
}

/** Errors from the scheduler, rephrased for the model (they are already readable). */
function rethrow(error: unknown): never {
  if (error instanceof RpcError) throw new Error(error.message);
  throw error;
}

/** Recall tools change only Navi's own schedule for this conversation: they run without asking by default. */
const NAVI_ONLY = { kind: 'builtin', access: 'navi-only' } as const;

/** The agent's tools for scheduling itself: schedule, list (this conversation's) and cancel. */
export function createRecallTools(options: RecallToolOptions): ToolDefinition[] {
  const { scheduler } = options;
  const schedule = defineTool({
    name: 'schedule_recall',
    source: NAVI_ONLY,
    description:
      'Schedule yourself to come back to this conversation later: once (at a time or after a delay), ' +
      'repeatedly every N seconds, or on a cron schedule in a time zone. Prefer `when` in plain words; the answer ' +
      'shows how it was read (schedule in words and next run) so you can tell the user. When it fires you are run ' +
      'with the message.',
    inputSchema: ScheduleInput,
    execute: (input, context) => {
      try {
        const recall = scheduler.create({
          sessionId: context.sessionId,
          ...toSchedule(input, options),
          message: input.message,
          missedPolicy: input.missed_run_policy,
          unattendedPolicy: input.when_tool_needs_approval,
          endsAt: endOf(input),
          maxRuns: input.max_runs,
          notify: input.notify,
          cancelOnReply: input.cancel_if_user_replies,
          createdBy: 'agent',
        });
        return { scheduled: describe(recall, options) };
      } catch (error) {
        return rethrow(error);
      }
    },
  });
  const list = defineTool({
    name: 'list_recalls',
    source: { kind: 'builtin', access: 'read-only' },
    description: "List this conversation's recalls with their status and next run.",
    inputSchema: z.object({}),
    execute: (_input, context) => ({
      recalls: scheduler.list(context.sessionId).map((recall) => describe(recall, options)),
    }),
  });
  const cancel = defineTool({
    name: 'cancel_recall',
    source: NAVI_ONLY,
    description: "Cancel one of this conversation's recalls by its id (from list_recalls).",
    inputSchema: z.object({ id: z.string().min(1) }),
    execute: ({ id }, context) => {
      const mine = scheduler.list(context.sessionId).some((recall) => recall.id === id);
      if (!mine)
        throw new Error(`There is no recall with id '${id}' in this conversation; call list_recalls to see them.`);
      scheduler.cancel(id);
      return {
        cancelled: id,
        note: context.isRecall
          ? 'It will not run again. If it is the recall you are running now, finish this reply as usual.'
          : 'It will not run again.',
      };
    },
  });
  return [schedule, list, cancel] as ToolDefinition[];
}
