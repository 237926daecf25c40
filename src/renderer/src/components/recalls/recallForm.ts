import type {
  MissedRunPolicy,
  Recall,
  RecallNotifyPolicy,
  RecallSchedule,
  ScheduleText,
  UnattendedPolicy,
} from '../../../../shared/contract';
import { MAX_RECALL_MESSAGE_CHARS } from '../../../../shared/contract/limits';
import { currentZoneName, localZoneName } from '../../../../shared/time/timeZoneNames';

/**
 * How a person says when: in their own words ("tomorrow at 9", "every weekday at 8:30"), "in 10
 * minutes", "at 14:00 tomorrow", "every 2 hours", or cron.
 */
export type ScheduleChoice = 'words' | 'in' | 'at' | 'every' | 'cron';
export type DelayUnit = 'seconds' | 'minutes' | 'hours' | 'days';
export type IntervalUnit = 'minutes' | 'hours' | 'days';

export const UNIT_SECONDS: Readonly<Record<DelayUnit, number>> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86_400,
};

export interface RecallFormValues {
  readonly choice: ScheduleChoice;
  /** When, in the person's words (read by the core). */
  readonly whenText: string;
  readonly inAmount: string;
  readonly inUnit: DelayUnit;
  /** A `datetime-local` value, in the person's own time zone. */
  readonly at: string;
  readonly everyAmount: string;
  readonly everyUnit: IntervalUnit;
  readonly cronExpression: string;
  readonly timeZone: string;
  readonly message: string;
  readonly missedPolicy: MissedRunPolicy;
  /** When a tool needs a person's OK during a run: wait for it, or deny and continue. */
  readonly unattendedPolicy: UnattendedPolicy;
  /** How a repeating recall ends: never, on a date (`datetime-local`), or after a number of runs. */
  readonly endKind: EndKind;
  readonly endsOn: string;
  readonly endAfter: string;
  readonly notify: RecallNotifyPolicy;
  readonly cancelOnReply: boolean;
}

export type EndKind = 'never' | 'on' | 'after';

/** The end, notify and cancel-on-reply settings as the RPC takes them, or what to fix. */
export function controlsFromForm(
  values: RecallFormValues,
):
  | { controls: { endsAt: number | null; maxRuns: number | null; notify: RecallNotifyPolicy; cancelOnReply: boolean } }
  | { problem: FormProblem } {
  const base = { notify: values.notify, cancelOnReply: values.cancelOnReply };
  if (values.endKind === 'on') {
    const endsAt = fromLocalInputValue(values.endsOn);
    if (Number.isNaN(endsAt)) return { problem: { field: 'endsOn', message: 'Choose the date it ends on.' } };
    return { controls: { ...base, endsAt, maxRuns: null } };
  }
  if (values.endKind === 'after') {
    const runs = wholePositive(values.endAfter);
    if (runs === undefined)
      return { problem: { field: 'endAfter', message: 'Say after how many runs it ends (1 or more).' } };
    return { controls: { ...base, endsAt: null, maxRuns: runs } };
  }
  return { controls: { ...base, endsAt: null, maxRuns: null } };
}

export type RecallFormField =
  'whenText' | 'inAmount' | 'at' | 'everyAmount' | 'cronExpression' | 'timeZone' | 'message' | 'endsOn' | 'endAfter';

export interface FormProblem {
  readonly message: string;
  /** The control to mark and focus; none for problems of the whole form. */
  readonly field?: RecallFormField;
}

/** This machine's zone by its current IANA name (Asia/Kolkata, not Asia/Calcutta). */
export function localTimeZone(): string {
  return localZoneName();
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** A `datetime-local` value for an instant, in local time (seconds only when it has them). */
export function toLocalInputValue(ms: number): string {
  const date = new Date(ms);
  const base = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return date.getSeconds() ? `${base}:${pad(date.getSeconds())}` : base;
}

/** The instant a `datetime-local` value means here, or NaN. */
export function fromLocalInputValue(value: string): number {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? new Date(value).getTime() : Number.NaN;
}

export function emptyForm(now: number = Date.now()): RecallFormValues {
  const nextHour = new Date(now);
  nextHour.setHours(nextHour.getHours() + 1, 0, 0, 0);
  return {
    choice: 'words',
    whenText: '',
    inAmount: '10',
    inUnit: 'minutes',
    at: toLocalInputValue(nextHour.getTime()),
    everyAmount: '1',
    everyUnit: 'hours',
    cronExpression: '0 9 * * 1-5',
    timeZone: localTimeZone(),
    message: '',
    missedPolicy: 'catch_up_once',
    unattendedPolicy: 'wait',
    endKind: 'never',
    endsOn: toLocalInputValue(nextHour.getTime() + 30 * 86_400_000),
    endAfter: '10',
    notify: 'always',
    cancelOnReply: false,
  };
}

function intervalParts(seconds: number): { amount: string; unit: IntervalUnit } {
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    if (seconds % UNIT_SECONDS[unit] === 0) return { amount: String(seconds / UNIT_SECONDS[unit]), unit };
  }
  return { amount: String(Math.max(1, Math.round(seconds / 60))), unit: 'minutes' };
}

/** The form filled in from an existing recall (a one-time recall is shown as "at"). */
export function formFromRecall(recall: Recall, now: number = Date.now()): RecallFormValues {
  const base = {
    ...emptyForm(now),
    message: recall.message,
    missedPolicy: recall.missedPolicy,
    unattendedPolicy: recall.unattendedPolicy,
    notify: recall.notify,
    cancelOnReply: recall.cancelOnReply,
    ...(recall.endsAt !== null
      ? { endKind: 'on' as const, endsOn: toLocalInputValue(recall.endsAt) }
      : recall.maxRuns !== null
        ? { endKind: 'after' as const, endAfter: String(recall.maxRuns) }
        : {}),
  };
  switch (recall.kind) {
    case 'once':
      return { ...base, choice: 'at', at: recall.triggerAt === null ? base.at : toLocalInputValue(recall.triggerAt) };
    case 'interval': {
      const { amount, unit } = intervalParts(recall.intervalSeconds ?? 3600);
      return { ...base, choice: 'every', everyAmount: amount, everyUnit: unit };
    }
    case 'cron':
      return {
        ...base,
        choice: 'cron',
        cronExpression: recall.cronExpression ?? base.cronExpression,
        timeZone: recall.timeZone ? currentZoneName(recall.timeZone) : base.timeZone,
      };
  }
}

function wholePositive(text: string): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * The schedule the form describes, or what to fix. Only what a person can see at a glance is checked
 * here; the scheduler checks the rest (cron syntax, zones) and its readable errors are shown as-is.
 */
export function scheduleFromForm(
  values: RecallFormValues,
  now: number = Date.now(),
): { schedule: RecallSchedule } | { when: ScheduleText } | { problem: FormProblem } {
  switch (values.choice) {
    case 'words': {
      const text = values.whenText.trim();
      if (!text) {
        return {
          problem: { field: 'whenText', message: 'Say when, such as “tomorrow at 9” or “every weekday at 8:30”.' },
        };
      }
      return { when: { text, timeZone: localTimeZone(), as: 'words' } };
    }
    case 'in': {
      const amount = wholePositive(values.inAmount);
      if (amount === undefined) {
        return { problem: { field: 'inAmount', message: 'Enter how long to wait as a whole number, such as 10.' } };
      }
      return { schedule: { kind: 'once', at: now + amount * UNIT_SECONDS[values.inUnit] * 1000 } };
    }
    case 'at': {
      const at = fromLocalInputValue(values.at);
      if (Number.isNaN(at)) return { problem: { field: 'at', message: 'Choose a date and a time.' } };
      if (at <= now) {
        return { problem: { field: 'at', message: 'That time has already passed. Choose a time in the future.' } };
      }
      return { schedule: { kind: 'once', at } };
    }
    case 'every': {
      const amount = wholePositive(values.everyAmount);
      if (amount === undefined) {
        return {
          problem: { field: 'everyAmount', message: 'Enter how often as a whole number, at least every 1 minute.' },
        };
      }
      return { schedule: { kind: 'interval', everySeconds: amount * UNIT_SECONDS[values.everyUnit] } };
    }
    case 'cron': {
      const expression = values.cronExpression.trim();
      if (!expression) {
        return { problem: { field: 'cronExpression', message: 'Enter a cron expression, such as 0 9 * * 1-5.' } };
      }
      return { schedule: { kind: 'cron', expression, timeZone: values.timeZone } };
    }
  }
}

export function messageProblem(values: RecallFormValues): FormProblem | undefined {
  const message = values.message.trim();
  if (!message) return { field: 'message', message: 'Say what Navi should do when the recall fires.' };
  if (message.length > MAX_RECALL_MESSAGE_CHARS) {
    return { field: 'message', message: `Keep the instructions under ${MAX_RECALL_MESSAGE_CHARS} characters.` };
  }
  return undefined;
}

/** Whether the schedule part differs from what the form started with (an edit keeps it otherwise). */
export function scheduleEdited(initial: RecallFormValues, values: RecallFormValues): boolean {
  if (initial.choice !== values.choice) return true;
  switch (values.choice) {
    case 'words':
    case 'in':
      return true;
    case 'at':
      return initial.at !== values.at;
    case 'every':
      return initial.everyAmount !== values.everyAmount || initial.everyUnit !== values.everyUnit;
    case 'cron':
      return initial.cronExpression.trim() !== values.cronExpression.trim() || initial.timeZone !== values.timeZone;
  }
}
