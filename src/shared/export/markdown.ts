import { formatBytes } from '../contract/limits';
import type { Message, MessagePart } from '../contract/messages';

/**
 * Messages as Markdown, for "Copy message", "Copy conversation" and the Markdown export: one place
 * decides how a reply, its tool calls and its errors read as text.
 */

export interface MarkdownOptions {
  /** `full`: tool inputs and results as JSON blocks (export); `brief`: one line per tool call (copying). */
  readonly tools: 'full' | 'brief';
}

/** A fenced block that no backticks inside it can close early. */
function fenced(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

function json(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function partMarkdown(part: MessagePart, options: MarkdownOptions): string | undefined {
  switch (part.type) {
    case 'text':
      return part.text.trim() ? part.text : undefined;
    case 'tool-call':
      return options.tools === 'brief'
        ? `> Used the tool \`${part.toolName}\``
        : `**Tool call** \`${part.toolName}\`\n\n${fenced(json(part.input), 'json')}`;
    case 'tool-result':
      if (options.tools === 'brief') return undefined;
      return `**${part.isError ? 'Tool error' : 'Tool result'}** \`${part.toolName}\`\n\n${fenced(json(part.output), typeof part.output === 'string' ? '' : 'json')}`;
    case 'error':
      return `> **Error:** ${part.message}`;
    case 'resource':
      return `> Attached: ${part.name} (${part.uri}, from ${part.serverName})`;
    case 'tool-approval':
      return options.tools === 'brief'
        ? undefined
        : `**Tool approval** \`${part.toolLabel}\`: ${part.state}${part.decidedBy ? ` (${part.decidedBy})` : ''}`;
    case 'attachment':
      return `> Attached file: ${part.name} (${part.mediaType}, ${formatBytes(part.size)})`;
  }
}

/** One message's body as Markdown (its text as written; tools and errors as set out in `options`). */
export function messageMarkdown(
  message: Pick<Message, 'parts'>,
  options: MarkdownOptions = { tools: 'brief' },
): string {
  return message.parts
    .map((part) => partMarkdown(part, options))
    .filter((block): block is string => block !== undefined)
    .join('\n\n');
}

export interface ConversationMarkdownOptions extends MarkdownOptions {
  /** How a time reads (the caller's time zone and format). */
  readonly formatTime: (ms: number) => string;
}

/** Who wrote a message, as a heading word. */
export function authorLabel(message: Pick<Message, 'role' | 'origin'>): string {
  if (message.role === 'user') return message.origin === 'recall' ? 'Recall' : 'You';
  return message.origin === 'recall' ? 'Navi (recall)' : 'Navi';
}

function messageBlock(message: Message, options: ConversationMarkdownOptions, label?: string): string {
  const notes = [
    options.formatTime(message.createdAt),
    message.model,
    message.status === 'partial' && !message.parts.some((part) => part.type === 'error') ? 'stopped' : undefined,
  ].filter(Boolean);
  const heading = `**${label ? `${label} ` : ''}${authorLabel(message)}** · ${notes.join(' · ')}`;
  const body = messageMarkdown(message, options) || '*(empty)*';
  return `${heading}\n\n${body}`;
}

/** A run of messages (one branch, or part of one) as Markdown, one after the other. */
export function branchMarkdown(messages: readonly Message[], options: ConversationMarkdownOptions): string {
  return messages.map((message) => messageBlock(message, options)).join('\n\n---\n\n');
}

/**
 * Every branch of a conversation: the active one first, numbered (#1, #2 …), then each other
 * version as a section saying which message it is another version of, following it down to
 * where its branch ends. `messages` holds every message of the conversation in writing order.
 */
export function treeMarkdown(
  messages: readonly Message[],
  activePath: readonly Message[],
  options: ConversationMarkdownOptions,
): string {
  const children = new Map<string | null, Message[]>();
  for (const message of messages) {
    const list = children.get(message.parentId) ?? [];
    list.push(message);
    children.set(message.parentId, list);
  }
  const number = new Map<string, number>();
  const sections: string[] = [];
  /** Follows a branch down from `start` (latest child at each fork) and numbers what it shows. */
  const chain = (start: Message): Message[] => {
    const out: Message[] = [];
    for (let current: Message | undefined = start; current; current = children.get(current.id)?.at(-1)) {
      out.push(current);
    }
    return out;
  };
  const show = (list: readonly Message[]): string =>
    list
      .map((message) => {
        number.set(message.id, number.size + 1);
        return messageBlock(message, options, `#${number.get(message.id)}`);
      })
      .join('\n\n---\n\n');

  const main = activePath.length > 0 ? activePath : (children.get(null)?.slice(0, 1).flatMap(chain) ?? []);
  sections.push(show(main));
  const pending: (readonly Message[])[] = [main];
  while (pending.length > 0) {
    const shown = pending.shift()!;
    const shownIds = new Set(shown.map((message) => message.id));
    const parents: (string | null)[] = [shown[0]?.parentId ?? null, ...shown.map((message) => message.id)];
    for (const parentId of parents) {
      const next = shown.find((message) => message.parentId === parentId);
      for (const alternative of children.get(parentId) ?? []) {
        if (shownIds.has(alternative.id) || number.has(alternative.id)) continue;
        const branch = chain(alternative);
        const of = next ? `another version of #${number.get(next.id)}` : 'a further branch';
        sections.push(`### Branch: ${of}\n\n${show(branch)}`);
        pending.push(branch);
      }
    }
  }
  return sections.join('\n\n');
}
