import { describe, expect, it } from 'vitest';
import { endsWaiting, foldReplyPiece, type ReplyPiece } from '../../../src/shared/chat/replyFold';
import type { MessagePart, ToolApprovalPart } from '../../../src/shared/contract';

const fold = (pieces: readonly ReplyPiece[], start: readonly MessagePart[] = []): MessagePart[] =>
  pieces.reduce<MessagePart[]>((parts, piece) => foldReplyPiece(parts, piece), [...start]);

const approval = (state: ToolApprovalPart['state']): ToolApprovalPart => ({
  type: 'tool-approval',
  approvalId: 'a1',
  toolCallId: 'c1',
  toolName: 'ping',
  toolLabel: 'ping',
  serverName: 'Scripted',
  input: {},
  state,
  decidedBy: state === 'pending' ? null : 'person-once',
  expiresAt: null,
});

describe('the one fold of a streamed reply (shared by the core and the windows)', () => {
  it('joins text deltas into one part, and starts a new one after a tool call and its result', () => {
    const parts = fold([
      { type: 'text-delta', text: 'Let me ' },
      { type: 'text-delta', text: 'check.' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'ping', input: { host: 'a' } },
      { type: 'tool-result', toolCallId: 'c1', toolName: 'ping', output: 'pong', isError: false },
      { type: 'text-delta', text: 'It answered' },
      { type: 'text-delta', text: ' pong.' },
    ]);
    expect(parts).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'ping', input: { host: 'a' } },
      { type: 'tool-result', toolCallId: 'c1', toolName: 'ping', output: 'pong', isError: false },
      { type: 'text', text: 'It answered pong.' },
    ]);
  });

  it('keeps only a part’s own fields: a chat event’s runId and seq stay out of the reply', () => {
    const chatEvent = { type: 'text-delta' as const, text: 'Hi', runId: 'r1', seq: 7 };
    const call = { type: 'tool-call' as const, toolCallId: 'c1', toolName: 'ping', input: null, runId: 'r1', seq: 8 };
    expect(fold([chatEvent, call])).toEqual([
      { type: 'text', text: 'Hi' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'ping', input: null },
    ]);
  });

  it('is pure: the parts it was given are unchanged, earlier parts keep their identity', () => {
    const before: MessagePart[] = [
      { type: 'tool-call', toolCallId: 'c1', toolName: 'ping', input: {} },
      { type: 'text', text: 'So far' },
    ];
    const frozen = structuredClone(before);
    const after = foldReplyPiece(before, { type: 'text-delta', text: ', more' });
    expect(before).toEqual(frozen);
    expect(after).not.toBe(before);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toEqual({ type: 'text', text: 'So far, more' });
  });

  it('puts an approval in once and replaces it as its state changes', () => {
    const asked = fold([
      { type: 'text-delta', text: 'Pinging.' },
      { type: 'tool-approval', approval: approval('pending') },
    ]);
    expect(asked.map((part) => part.type)).toEqual(['text', 'tool-approval']);
    const answered = foldReplyPiece(asked, { type: 'tool-approval', approval: approval('allowed') });
    expect(answered).toHaveLength(2);
    expect(answered[1]).toMatchObject({ state: 'allowed', decidedBy: 'person-once' });
    // Text after an approval starts its own part.
    expect(foldReplyPiece(answered, { type: 'text-delta', text: 'Done.' }).at(-1)).toEqual({
      type: 'text',
      text: 'Done.',
    });
  });

  it('says which pieces end a wait that was shown', () => {
    expect(endsWaiting({ type: 'text-delta', text: '' })).toBe(true);
    expect(endsWaiting({ type: 'tool-call', toolCallId: 'c', toolName: 't', input: null })).toBe(true);
    expect(endsWaiting({ type: 'tool-result', toolCallId: 'c', toolName: 't', output: null, isError: false })).toBe(
      false,
    );
    expect(endsWaiting({ type: 'tool-approval', approval: approval('pending') })).toBe(false);
  });
});
