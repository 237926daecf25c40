import type { MessagePart } from '../../../../shared/contract';

type TextPart = Extract<MessagePart, { type: 'text' }>;
type ToolCallPart = Extract<MessagePart, { type: 'tool-call' }>;
type ToolResultPart = Extract<MessagePart, { type: 'tool-result' }>;
type ToolApprovalPart = Extract<MessagePart, { type: 'tool-approval' }>;

/** What a message shows, in order: text, a tool call with its result once it came, an error. */
export type MessageItem =
  | { readonly kind: 'text'; readonly key: string; readonly part: TextPart; readonly isLast: boolean }
  | {
      readonly kind: 'tool';
      readonly key: string;
      readonly call?: ToolCallPart;
      readonly result?: ToolResultPart;
      /** Set when the call needed a person's OK. */
      readonly approval?: ToolApprovalPart;
    }
  | { readonly kind: 'error'; readonly key: string; readonly message: string };

export function messageItems(parts: readonly MessagePart[]): MessageItem[] {
  const results = new Map<string, ToolResultPart>();
  const approvals = new Map<string, ToolApprovalPart>();
  for (const part of parts) {
    if (part.type === 'tool-result') results.set(part.toolCallId, part);
    else if (part.type === 'tool-approval') approvals.set(part.toolCallId, part);
  }
  const called = new Set<string>();
  const items: MessageItem[] = [];
  parts.forEach((part, index) => {
    switch (part.type) {
      case 'text':
        items.push({ kind: 'text', key: `text-${index}`, part, isLast: index === parts.length - 1 });
        break;
      case 'tool-call':
        called.add(part.toolCallId);
        items.push({
          kind: 'tool',
          key: `tool-${part.toolCallId}`,
          call: part,
          result: results.get(part.toolCallId),
          approval: approvals.get(part.toolCallId),
        });
        break;
      case 'tool-result':
        // Shown with its call; a result whose call is missing still gets a card of its own.
        if (!called.has(part.toolCallId))
          items.push({ kind: 'tool', key: `result-${part.toolCallId}-${index}`, result: part });
        break;
      case 'error':
        items.push({ kind: 'error', key: `error-${index}`, message: part.message });
        break;
      case 'resource':
      case 'attachment':
        // Attached context of a person's message: shown with the message, not as a reply part.
        break;
      case 'tool-approval':
        break; // shown on its call's card
    }
  });
  return items;
}
