import { treeMarkdown } from '../../shared/export/markdown';
import { sayDateTime } from '../../shared/time/timeWords';
import type { SessionStore } from '../store/sessionStore';
import { activityMarkdown } from './activityMarkdown';
import type { ActivityRows } from './activityRows';

export interface MarkdownDeps {
  readonly store: SessionStore;
  /** The conversation's recalls and tool runs, listed after the messages. */
  readonly activity: ActivityRows;
  readonly now: () => number;
  readonly timeZone: () => string;
}

/**
 * A conversation as Markdown for people: its title, then the branch on screen with every other
 * branch after it, tool calls and results in full, then its recalls and tool-run log, times local and
 * in words. The Markdown export
 * and "Copy conversation" both use this text.
 */
export function conversationMarkdown(deps: MarkdownDeps, sessionId: string): string {
  const session = deps.store.requireSession(sessionId);
  const now = deps.now();
  const timeZone = deps.timeZone();
  const formatTime = (ms: number) => sayDateTime(ms, { now, timeZone });
  const body = treeMarkdown(deps.store.allMessages(sessionId), deps.store.activePath(sessionId), {
    tools: 'full',
    formatTime,
  });
  const started = `*Started ${formatTime(session.createdAt)} · exported from Navi ${formatTime(now)}*`;
  const activity = activityMarkdown(deps.activity.read(sessionId), { now, timeZone }, formatTime);
  return `# ${session.title}\n\n${started}\n\n${body}\n${activity ? `\n${activity}\n` : ''}`;
}
