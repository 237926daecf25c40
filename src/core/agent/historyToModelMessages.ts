import type { AssistantContent, ModelMessage, ToolContent, UserContent } from 'ai';
import { messageText, type Message, type MessagePart } from '../../shared/contract/messages';
import type { AttachmentContent } from '../attachments/modelContent';
import { toModelOutput, toModelToolInput } from './toolOutput';

export const NOTE_PREFIX = '(A note from Navi, not written by the user) ';
export const INTERRUPTED_TOOL_OUTPUT = 'The tool call was interrupted before it finished (the run was stopped).';

/**
 * Stored messages as the AI SDK prompt. An assistant message holds text, tool calls and results in
 * order; the model API wants them split into assistant and tool messages, each call answered, so a
 * later turn sees earlier tool use. Approvals become the SDK's approval request and response parts,
 * and a call a person refused an `execution-denied` result. Error parts are for people and are left out.
 */
export function historyToModelMessages(
  history: readonly Message[],
  /** What the model gets for each attached file (see prepareAttachmentContent). */
  attachments?: AttachmentContent,
): ModelMessage[] {
  const messages: ModelMessage[] = [];
  for (const message of history) {
    if (message.role === 'user') {
      const text = messageText(message);
      const context = message.parts.flatMap((part) => (part.type === 'resource' ? [resourceContext(part)] : []));
      // Files first, then what the person wrote about them.
      const files: Exclude<UserContent, string> = message.parts.flatMap((part) =>
        part.type === 'attachment' && attachments ? attachments(part) : [],
      );
      if (context.length > 0 || files.length > 0) {
        const texts = [...(text.trim().length > 0 ? [text] : []), ...context];
        messages.push({
          role: 'user',
          content: [...files, ...texts.map((item) => ({ type: 'text' as const, text: item }))],
        });
      } else if (text.trim().length > 0) messages.push({ role: 'user', content: text });
    } else if (message.role === 'system') {
      // Navi's own notes (a recall was missed or interrupted) are context, not the person speaking.
      const text = messageText(message);
      if (text.trim().length > 0) messages.push({ role: 'user', content: `${NOTE_PREFIX}${text}` });
    } else {
      messages.push(...assistantMessages(message.parts));
    }
  }
  return messages;
}

type ResourcePart = Extract<MessagePart, { type: 'resource' }>;

/** An attached MCP resource as context the model reads after the person's text. */
function resourceContext(part: ResourcePart): string {
  const mime = part.mimeType ? ` (${part.mimeType})` : '';
  const header = `Attached resource "${part.name}" from the MCP server "${part.serverName}": ${part.uri}${mime}`;
  const body = part.text ?? `[${part.note ?? 'No text content.'}]`;
  const note = part.text !== null && part.note ? `\n[${part.note}]` : '';
  return `${header}\n<resource uri="${part.uri}">\n${body}\n</resource>${note}`;
}

type AssistantPart = Exclude<AssistantContent, string>[number];

function assistantMessages(parts: readonly MessagePart[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  let content: AssistantPart[] = [];
  let results: ToolContent = [];
  /** Calls of the current round still waiting for their result, in call order. */
  let open = new Map<string, string>();
  /** Approvals of the current round's calls, by tool call id. */
  let approvals = new Map<string, Extract<MessagePart, { type: 'tool-approval' }>>();
  /** Every call id of this message: a repeated id would be refused by the provider. */
  const seen = new Set<string>();

  const flush = () => {
    if (content.length > 0) out.push({ role: 'assistant', content });
    // A stopped run can leave a call without a result; providers refuse that, so answer it.
    for (const [toolCallId, toolName] of open) {
      results.push({
        type: 'tool-result',
        toolCallId,
        toolName,
        output: { type: 'error-text', value: INTERRUPTED_TOOL_OUTPUT },
      });
    }
    if (results.length > 0) out.push({ role: 'tool', content: results });
    content = [];
    results = [];
    open = new Map();
    approvals = new Map();
  };

  for (const part of parts) {
    switch (part.type) {
      case 'text': {
        if (part.text.length === 0) break;
        if (results.length > 0) flush();
        const last = content.at(-1);
        if (last?.type === 'text') content[content.length - 1] = { type: 'text', text: last.text + part.text };
        else content.push({ type: 'text', text: part.text });
        break;
      }
      case 'tool-call':
        if (seen.has(part.toolCallId)) break;
        seen.add(part.toolCallId);
        if (results.length > 0) flush();
        content.push({
          type: 'tool-call',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input: toModelToolInput(part.input),
        });
        open.set(part.toolCallId, part.toolName);
        break;
      case 'tool-approval':
        if (!open.has(part.toolCallId) || approvals.has(part.toolCallId)) break;
        approvals.set(part.toolCallId, part);
        content.push({ type: 'tool-approval-request', approvalId: part.approvalId, toolCallId: part.toolCallId });
        break;
      case 'tool-result': {
        // A result without its call (should not happen) would be refused by the provider: drop it.
        if (!open.has(part.toolCallId)) break;
        open.delete(part.toolCallId);
        const approval = approvals.get(part.toolCallId);
        const denied = approval?.state === 'denied';
        if (approval?.state === 'allowed' || denied) {
          results.push({ type: 'tool-approval-response', approvalId: approval.approvalId, approved: !denied });
        }
        results.push({
          type: 'tool-result',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          output:
            denied && typeof part.output === 'string'
              ? { type: 'execution-denied', reason: part.output }
              : toModelOutput(part.output, part.isError),
        });
        break;
      }
      case 'error':
      case 'resource':
      case 'attachment':
        break;
    }
  }
  flush();
  return out;
}
