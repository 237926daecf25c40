import type { Recall, RecallOutcome, RecallStatus } from '../../../../shared/contract';

export const STATUS_LABEL: Readonly<Record<RecallStatus, string>> = {
  pending: 'Scheduled',
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export const OUTCOME_LABEL: Readonly<Record<RecallOutcome, string>> = {
  success: 'Succeeded',
  failed: 'Failed',
  max_iterations: 'Stopped at the step limit',
  deferred: 'Deferred (a reply was being written)',
  missed: 'Missed while Navi was closed',
  skipped: 'Skipped (missed while Navi was closed)',
  stopped: 'Stopped by you',
  interrupted: 'Interrupted (Navi closed while it ran)',
};

/** Outcomes that went wrong, shown in the danger colour. */
export function outcomeTone(outcome: RecallOutcome): 'ok' | 'bad' | 'neutral' {
  if (outcome === 'success') return 'ok';
  if (outcome === 'failed' || outcome === 'interrupted') return 'bad';
  return 'neutral';
}

export function createdByLabel(recall: Recall): string {
  return recall.createdBy === 'agent' ? 'Set by Navi' : 'Set by you';
}

/** The first line of a recall's instructions, for lists and notifications. */
export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
