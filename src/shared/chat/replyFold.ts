import type { MessagePart } from '../contract/messages';
import { upsertApprovalPart, type ToolApprovalPart } from '../contract/toolApproval';

/**
 * A piece of a reply as it streams. The core's agent events and the chat events windows receive
 * carry the same fields, so both fold with this one definition (extra fields, such as a chat
 * event's `runId` and `seq`, are not copied into the parts).
 */
export type ReplyPiece =
  | { readonly type: 'text-delta'; readonly text: string }
  | { readonly type: 'tool-call'; readonly toolCallId: string; readonly toolName: string; readonly input: unknown }
  | {
      readonly type: 'tool-result';
      readonly toolCallId: string;
      readonly toolName: string;
      readonly output: unknown;
      readonly isError: boolean;
    }
  | { readonly type: 'tool-approval'; readonly approval: ToolApprovalPart };

/**
 * Folds one streamed piece into a reply's parts: text extends the last part when it is text (else
 * starts one), a tool call or result is added, an approval replaces its earlier state or is added.
 * Pure: returns a new array; the parts before the changed one keep their identity.
 */
export function foldReplyPiece(parts: readonly MessagePart[], piece: ReplyPiece): MessagePart[] {
  switch (piece.type) {
    case 'text-delta': {
      const last = parts[parts.length - 1];
      return last?.type === 'text'
        ? [...parts.slice(0, -1), { type: 'text', text: last.text + piece.text }]
        : [...parts, { type: 'text', text: piece.text }];
    }
    case 'tool-call':
      return [
        ...parts,
        { type: 'tool-call', toolCallId: piece.toolCallId, toolName: piece.toolName, input: piece.input },
      ];
    case 'tool-result':
      return [
        ...parts,
        {
          type: 'tool-result',
          toolCallId: piece.toolCallId,
          toolName: piece.toolName,
          output: piece.output,
          isError: piece.isError,
        },
      ];
    case 'tool-approval':
      return upsertApprovalPart(parts, piece.approval);
  }
}

/** Text or a tool call ends a wait that was being shown ("waiting for the model", "retrying"). */
export function endsWaiting(piece: ReplyPiece): boolean {
  return piece.type === 'text-delta' || piece.type === 'tool-call';
}
