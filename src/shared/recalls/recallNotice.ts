/**
 * How a recall tells a person it ran: the notification's title and body, and whether its reply
 * asks for attention. One home for this wording: the core words every notice, and the desktop
 * shell and the browser host show what it says.
 */

/** At most this many lines of the reply, and this many characters, go into a notification. */
const EXCERPT_LINES = 3;
const EXCERPT_CHARS = 300;

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
