/**
 * How a recall tells a person it ran: the notification's title and body, and whether its reply
 * asks for attention. One home for this wording: the core words every notice, and the desktop
 * shell and the browser host show what it says.
 */

/** At most this many lines of the reply, and this many characters, go into a notification. */
const EXCERPT_LINES = 3;
const EXCERPT_CHARS = 300;

/** The button a desktop notification carries where the platform shows buttons (SNOOZE_MINUTES). */
export const SNOOZE_ACTION = 'Snooze 1 hour';

/** "Recall · Deploy watch", "Recall failed · Deploy watch". */
export function recallNoticeTitle(kind: 'fired' | 'failed', sessionTitle: string): string {
  return kind === 'fired' ? `Recall · ${sessionTitle}` : `Recall failed · ${sessionTitle}`;
}

/** The first lines of a reply, shortened with an ellipsis when there is more. */
export function replyExcerpt(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let excerpt = lines.slice(0, EXCERPT_LINES).join('\n');
  const more = lines.length > EXCERPT_LINES || excerpt.length > EXCERPT_CHARS;
  if (excerpt.length > EXCERPT_CHARS) excerpt = excerpt.slice(0, EXCERPT_CHARS).trimEnd();
  return more ? `${excerpt}…` : excerpt;
}

const ATTENTION_WORDS =
  /\b(urgent|attention|action (is )?(needed|required)|asap|immediately|warning|alert|failed|failing|down)\b/i;

/**
 * Whether a reply asks for the person's attention: it asks a question, or says it is urgent
 * ("action needed", "warning", "failed" …). The "only on failure or attention" notify setting uses it.
 */
export function asksForAttention(reply: string): boolean {
  return /\?\s*$/m.test(reply) || ATTENTION_WORDS.test(reply);
}

/** A recall notification quiet hours held back. */
export interface HeldNotice {
  readonly kind: 'fired' | 'failed';
  readonly sessionTitle: string;
}

const NAMED_CONVERSATIONS = 3;

/**
 * The one notification shown when quiet hours end, for everything they held: "3 recalls ran
 * during quiet hours" — "In Deploy watch and Inbox. 1 failed."
 */
export function quietHoursSummary(held: readonly HeldNotice[]): { title: string; text: string } {
  const count = held.length;
  const title = `${count} ${count === 1 ? 'recall' : 'recalls'} ran during quiet hours`;
  const titles = [...new Set(held.map((notice) => notice.sessionTitle))];
  const named = titles.slice(0, NAMED_CONVERSATIONS);
  const others = titles.length - named.length;
  const places =
    others > 0
      ? `${named.join(', ')} and ${others} more ${others === 1 ? 'conversation' : 'conversations'}`
      : named.length > 1
        ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`
        : (named[0] ?? '');
  const failed = held.filter((notice) => notice.kind === 'failed').length;
  return { title, text: `In ${places}.${failed > 0 ? ` ${failed} failed.` : ''}` };
}
