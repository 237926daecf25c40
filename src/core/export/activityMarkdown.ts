import type { ExportedRecall, ExportedToolRun } from '../../shared/contract/exports';
import type { RecallStatus } from '../../shared/contract/recalls';
import { scheduleInWords } from '../recalls/schedule';
import type { ConversationActivity } from './activityRows';

const STATUS_WORDS: Readonly<Record<RecallStatus, string>> = {
  pending: 'scheduled',
  running: 'running',
  paused: 'paused',
  done: 'done',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** Text inside a Markdown list item: one line, no stray markup at its start. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function recallSection(recall: ExportedRecall, words: { now: number; timeZone: string }, say: (ms: number) => string) {
  const facts = [
    STATUS_WORDS[recall.status],
    recall.runCount === 1 ? '1 run' : `${recall.runCount} runs`,
    recall.nextRunAt !== null && recall.status === 'pending' ? `next ${say(recall.nextRunAt)}` : undefined,
    recall.endsAt !== null ? `ends ${say(recall.endsAt)}` : undefined,
    recall.maxRuns !== null ? `at most ${recall.maxRuns} runs` : undefined,
    `created by ${recall.createdBy === 'agent' ? 'Navi' : 'you'}`,
  ].filter((fact): fact is string => fact !== undefined);
  const lines = [
    `### ${oneLine(scheduleInWords(recall, words))}`,
    '',
    `> ${oneLine(recall.message)}`,
    '',
    facts.join(' · '),
  ];
  if (recall.runs.length > 0) {
    lines.push('', 'Runs (newest first):', '');
    for (const run of recall.runs) {
      lines.push(
        `- ${say(run.startedAt)}: ${run.outcome.replace('_', ' ')}${run.error ? ` — ${oneLine(run.error)}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

function toolRunLine(entry: ExportedToolRun, say: (ms: number) => string): string {
  const ended = entry.outcome === null ? '' : `, ${entry.outcome}`;
  const from = entry.origin === 'recall' ? ' (in a recall run)' : '';
  return `- ${say(entry.requestedAt)}: **${oneLine(entry.toolLabel)}**${from} — ${entry.decision}${ended}. ${oneLine(entry.reason)}`;
}

/**
 * The readable end of a conversation's Markdown export: its recalls (schedule in words, state,
 * history) and its tool-run log. Empty when it has neither.
 */
export function activityMarkdown(
  activity: ConversationActivity,
  words: { now: number; timeZone: string },
  say: (ms: number) => string,
): string {
  const parts: string[] = [];
  if (activity.recalls.length > 0) {
    parts.push('## Recalls', ...activity.recalls.map((recall) => recallSection(recall, words, say)));
  }
  if (activity.toolRuns.length > 0) {
    parts.push('## Tool runs', activity.toolRuns.map((entry) => toolRunLine(entry, say)).join('\n'));
  }
  return parts.join('\n\n');
}
