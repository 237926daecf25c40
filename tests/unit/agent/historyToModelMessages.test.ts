import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyToModelMessages, INTERRUPTED_TOOL_OUTPUT } from '../../../src/core/agent/historyToModelMessages';
import type { Message, MessagePart } from '../../../src/shared/contract/messages';

let position = 0;
const message = (role: Message['role'], parts: MessagePart[]): Message => ({
  id: `m${position}`,
  sessionId: 's',
  parentId: null,
  position: position++,
  role,
  parts,
  status: 'complete',
  origin: 'user',
  createdAt: 0,
});
const user = (text: string) => message('user', [{ type: 'text', text }]);

describe('historyToModelMessages', () => {
  it('splits an assistant message into assistant and tool messages, in order', () => {
    const history = [
      user('Weather and time?'),
      message('assistant', [
        { type: 'text', text: 'Let me ' },
        { type: 'text', text: 'check.' },
        { type: 'tool-call', toolCallId: 'a', toolName: 'weather', input: { city: 'Oslo' } },
        { type: 'tool-call', toolCallId: 'b', toolName: 'current_time', input: {} },
        { type: 'tool-result', toolCallId: 'b', toolName: 'current_time', output: '12:00', isError: false },
        { type: 'tool-result', toolCallId: 'a', toolName: 'weather', output: { temp: 3 }, isError: false },
        { type: 'text', text: 'Cold, noon.' },
        { type: 'error', message: 'not for the model' },
      ]),
    ];
    expect(historyToModelMessages(history)).toEqual([
      { role: 'user', content: 'Weather and time?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool-call', toolCallId: 'a', toolName: 'weather', input: { city: 'Oslo' } },
          { type: 'tool-call', toolCallId: 'b', toolName: 'current_time', input: {} },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'b', toolName: 'current_time', output: { type: 'text', value: '12:00' } },
          { type: 'tool-result', toolCallId: 'a', toolName: 'weather', output: { type: 'json', value: { temp: 3 } } },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Cold, noon.' }] },
    ]);
  });

  it('answers calls a stopped run left open, drops orphan results, error results and empty messages', () => {
    const history = [
      user('Go'),
      message('assistant', []),
      message('assistant', [
        { type: 'tool-call', toolCallId: 'x', toolName: 't', input: 'not an object' },
        { type: 'tool-result', toolCallId: 'ghost', toolName: 't', output: 1, isError: false },
      ]),
      message('assistant', [
        { type: 'tool-call', toolCallId: 'y', toolName: 't', input: {} },
        { type: 'tool-result', toolCallId: 'y', toolName: 't', output: 'boom', isError: true },
      ]),
      user('   '),
    ];
    expect(historyToModelMessages(history)).toEqual([
      { role: 'user', content: 'Go' },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'x', toolName: 't', input: {} }] },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'x',
            toolName: 't',
            output: { type: 'error-text', value: INTERRUPTED_TOOL_OUTPUT },
          },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'y', toolName: 't', input: {} }] },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'y', toolName: 't', output: { type: 'error-text', value: 'boom' } },
        ],
      },
    ]);
  });

  it('always answers every tool call exactly once, in the tool message right after it (any part order)', () => {
    const part = fc.oneof(
      fc.string({ maxLength: 5 }).map((text): MessagePart => ({ type: 'text', text })),
      fc
        .constantFrom('a', 'b', 'c', 'd')
        .map((id): MessagePart => ({ type: 'tool-call', toolCallId: id, toolName: 't', input: {} })),
      fc.constantFrom('a', 'b', 'c', 'd').map((id): MessagePart => ({
        type: 'tool-result',
        toolCallId: id,
        toolName: 't',
        output: null,
        isError: false,
      })),
      fc.constant<MessagePart>({ type: 'error', message: 'x' }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(part, { maxLength: 12 }), { maxLength: 4 }), (messages) => {
        const out = historyToModelMessages(messages.map((parts) => message('assistant', parts)));
        out.forEach((entry, index) => {
          if (entry.role !== 'assistant' || typeof entry.content === 'string') return;
          const calls = entry.content.filter((p) => p.type === 'tool-call').map((p) => p.toolCallId);
          if (calls.length === 0) return;
          const next = out[index + 1];
          expect(next?.role).toBe('tool');
          const answered = (next!.content as { toolCallId: string }[]).map((p) => p.toolCallId);
          expect([...answered].sort()).toEqual([...calls].sort());
        });
        for (const entry of out) {
          if (entry.role === 'tool') expect(entry.content.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("carries approvals as the AI SDK's own parts; a refused call reaches the model as execution-denied", () => {
    const approval = (toolCallId: string, state: 'allowed' | 'denied' | 'cancelled'): MessagePart => ({
      type: 'tool-approval',
      approvalId: `ap-${toolCallId}`,
      toolCallId,
      toolName: 'mcp__s__ping',
      toolLabel: 'ping',
      serverName: 'S',
      input: {},
      state,
      decidedBy: state === 'allowed' ? 'person-once' : state === 'denied' ? 'person-deny' : 'stop',
      expiresAt: null,
    });
    const history = [
      user('Ping twice'),
      message('assistant', [
        { type: 'tool-call', toolCallId: 'a', toolName: 'mcp__s__ping', input: {} },
        { type: 'tool-call', toolCallId: 'b', toolName: 'mcp__s__ping', input: {} },
        approval('a', 'allowed'),
        approval('b', 'denied'),
        { type: 'tool-result', toolCallId: 'a', toolName: 'mcp__s__ping', output: 'pong', isError: false },
        {
          type: 'tool-result',
          toolCallId: 'b',
          toolName: 'mcp__s__ping',
          output: 'Refused by the person.',
          isError: true,
        },
        { type: 'text', text: 'One ping ran.' },
      ]),
    ];
    expect(historyToModelMessages(history).slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'a', toolName: 'mcp__s__ping', input: {} },
          { type: 'tool-call', toolCallId: 'b', toolName: 'mcp__s__ping', input: {} },
          { type: 'tool-approval-request', approvalId: 'ap-a', toolCallId: 'a' },
          { type: 'tool-approval-request', approvalId: 'ap-b', toolCallId: 'b' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-approval-response', approvalId: 'ap-a', approved: true },
          { type: 'tool-result', toolCallId: 'a', toolName: 'mcp__s__ping', output: { type: 'text', value: 'pong' } },
          { type: 'tool-approval-response', approvalId: 'ap-b', approved: false },
          {
            type: 'tool-result',
            toolCallId: 'b',
            toolName: 'mcp__s__ping',
            output: { type: 'execution-denied', reason: 'Refused by the person.' },
          },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'One ping ran.' }] },
    ]);
    // Stopped while waiting: no response, and the call is answered as interrupted.
    const stopped = historyToModelMessages([
      message('assistant', [
        { type: 'tool-call', toolCallId: 'c', toolName: 'mcp__s__ping', input: {} },
        approval('c', 'cancelled'),
      ]),
    ]);
    expect(stopped[1]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'c',
          toolName: 'mcp__s__ping',
          output: { type: 'error-text', value: INTERRUPTED_TOOL_OUTPUT },
        },
      ],
    });
  });
});
