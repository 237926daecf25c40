import { describe, expect, it } from 'vitest';
import { REFUSAL_TEXT } from '../../../src/core/approvals/toolApprovals';
import type { ChatEvent, ToolApprovalPart } from '../../../src/shared/contract';
import { reply } from '../../fixtures';
import { approvalEvent, follow, modelCalls, PING, toolMessages, useApprovalHost } from './harness';

const start = useApprovalHost();

type ApprovalEvent = Extract<ChatEvent, { type: 'tool-approval' }>;
const isApproval =
  (state: string) =>
  (event: ChatEvent): event is ApprovalEvent =>
    approvalEvent(state)(event);

describe('tool approval in the chat, over the browser host with a real MCP server', () => {
  it('pauses at an Ask tool; every window sees the same card, one answers, the others update at once', async () => {
    const host = await start();
    const a = host.window();
    const b = host.window();
    await host.addScriptedServer(a.api, a.appEvents);
    host.fixture.script(
      reply.toolCalls([{ id: 'call_ping', name: PING, input: {} }]),
      reply.text('The server answered pong.'),
    );

    const session = await a.api.sessions.create({ title: 'Ping check' });
    const seenByA = follow(a.api, session.id);
    const seenByB = follow(b.api, session.id);
    await a.api.chat.send({ sessionId: session.id, text: 'Ping the server' });

    const pendingA = await seenByA.waitFor(isApproval('pending'));
    const pendingB = await seenByB.waitFor(isApproval('pending'));
    expect(pendingA.approval).toEqual(pendingB.approval);
    expect(pendingA.approval).toMatchObject({
      toolCallId: 'call_ping',
      toolName: PING,
      toolLabel: 'ping',
      serverName: 'Scripted',
      input: {},
      expiresAt: null,
    } satisfies Partial<ToolApprovalPart>);
    // Paused: the model has not been called again, and the tool has not run.
    expect(modelCalls(host.fixture)).toHaveLength(1);

    // A window that opens now gets the pending card in its snapshot.
    const late = host.window();
    const snapshot = await late.api.sessions.get({ id: session.id });
    expect(snapshot.activeRun?.partial.parts).toContainEqual(pendingA.approval);

    expect(
      await b.api.chat.answerApproval({
        sessionId: session.id,
        approvalId: pendingA.approval.approvalId,
        answer: 'allow-once',
      }),
    ).toEqual({ accepted: true });
    // Already answered: a second window's click changes nothing.
    expect(
      await a.api.chat.answerApproval({
        sessionId: session.id,
        approvalId: pendingA.approval.approvalId,
        answer: 'deny',
      }),
    ).toEqual({ accepted: false });

    for (const seen of [seenByA, seenByB]) {
      expect((await seen.waitFor(isApproval('allowed'))).approval.decidedBy).toBe('person-once');
      await seen.waitFor((event) => event.type === 'run-completed');
    }
    const [, second] = modelCalls(host.fixture);
    expect(toolMessages(second!.body)).toEqual([
      expect.objectContaining({ tool_call_id: 'call_ping', content: 'pong' }),
    ]);

    const stored = (await a.api.sessions.get({ id: session.id })).messages.at(-1)!;
    expect(stored.parts.find((part) => part.type === 'tool-approval')).toMatchObject({
      state: 'allowed',
      decidedBy: 'person-once',
    });
    const log = await a.api.tools.runLog({ sessionId: session.id });
    expect(log.entries).toEqual([
      expect.objectContaining({
        toolName: PING,
        toolLabel: 'ping',
        serverName: 'Scripted',
        input: {},
        decision: 'allowed',
        decidedBy: 'person-once',
        reason: 'Allowed once by you',
        outcome: 'succeeded',
      }),
    ]);
  });

  it('Deny tells the model the call was refused, and it carries on', async () => {
    const host = await start();
    const a = host.window();
    await host.addScriptedServer(a.api, a.appEvents);
    host.fixture.script(
      reply.toolCalls([{ id: 'call_ping', name: PING, input: {} }]),
      reply.text('Alright, I will not ping it.'),
    );
    const session = await a.api.sessions.create();
    const seen = follow(a.api, session.id);
    await a.api.chat.send({ sessionId: session.id, text: 'Ping the server' });
    const pending = await seen.waitFor(isApproval('pending'));
    await a.api.chat.answerApproval({ sessionId: session.id, approvalId: pending.approval.approvalId, answer: 'deny' });

    await seen.waitFor((event) => event.type === 'run-completed');
    const [, second] = modelCalls(host.fixture);
    expect(toolMessages(second!.body)).toEqual([
      expect.objectContaining({ tool_call_id: 'call_ping', content: REFUSAL_TEXT.person }),
    ]);
    const log = await a.api.tools.runLog({ sessionId: session.id });
    expect(log.entries[0]).toMatchObject({ decision: 'denied', decidedBy: 'person-deny', outcome: null });

    // The next turn still tells the model that call was refused (from the stored reply).
    host.fixture.script(reply.text('Noted.'));
    await a.api.chat.send({ sessionId: session.id, text: 'Thanks' });
    await seen.waitFor(
      (event) =>
        event.type === 'run-completed' && event.message.parts.some((p) => p.type === 'text' && p.text === 'Noted.'),
    );
    expect(toolMessages(modelCalls(host.fixture)[2]!.body)).toEqual([
      expect.objectContaining({ tool_call_id: 'call_ping', content: REFUSAL_TEXT.person }),
    ]);
  });

  it('Always allow sets a rule: the next call of that tool runs without asking, and Settings shows it', async () => {
    const host = await start();
    const a = host.window();
    const serverId = await host.addScriptedServer(a.api, a.appEvents);
    host.fixture.script(
      reply.toolCalls([{ id: 'call_1', name: PING, input: {} }]),
      reply.toolCalls([{ id: 'call_2', name: PING, input: {} }]),
      reply.text('Pinged twice.'),
    );
    const session = await a.api.sessions.create();
    const seen = follow(a.api, session.id);
    await a.api.chat.send({ sessionId: session.id, text: 'Ping it twice' });
    const pending = await seen.waitFor(isApproval('pending'));
    await a.api.chat.answerApproval({
      sessionId: session.id,
      approvalId: pending.approval.approvalId,
      answer: 'always-allow',
    });
    await a.appEvents.waitFor((event) => event.type === 'tool-policies-changed');
    await seen.waitFor((event) => event.type === 'run-completed');

    expect(seen.values.filter((event) => event.type === 'tool-approval')).toHaveLength(2); // pending, allowed
    const log = await a.api.tools.runLog({ sessionId: session.id });
    expect(log.entries.map((entry) => [entry.toolCallId, entry.decidedBy, entry.reason])).toEqual([
      ['call_2', 'rule', 'Allowed by your setting for this tool'],
      ['call_1', 'person-always', 'Always allowed by you (this tool now runs without asking)'],
    ]);
    const policies = await a.api.tools.policies();
    const server = policies.servers.find((entry) => entry.serverId === serverId)!;
    expect(server.tools.find((tool) => tool.name === 'ping')).toMatchObject({
      rule: 'allow',
      effective: 'allow',
      source: 'tool-rule',
    });
    expect(server.tools.find((tool) => tool.name === 'fail')).toMatchObject({
      rule: null,
      effective: 'ask',
      source: 'default',
    });
  });

  it('Stop works while waiting: the card is settled as stopped and the tool never runs', async () => {
    const host = await start();
    const a = host.window();
    const b = host.window();
    await host.addScriptedServer(a.api, a.appEvents);
    host.fixture.script(reply.toolCalls([{ id: 'call_ping', name: PING, input: {} }]));
    const session = await a.api.sessions.create();
    const seen = follow(a.api, session.id);
    await a.api.chat.send({ sessionId: session.id, text: 'Ping the server' });
    const pending = await seen.waitFor(isApproval('pending'));

    expect(await b.api.chat.stop({ sessionId: session.id })).toEqual({ stopped: true });
    const cancelled = await seen.waitFor(isApproval('cancelled'));
    expect(cancelled.approval.decidedBy).toBe('stop');
    const stopped = await seen.waitFor((event) => event.type === 'run-stopped');
    expect(stopped.seq).toBeGreaterThan(cancelled.seq);
    expect(
      await a.api.chat.answerApproval({
        sessionId: session.id,
        approvalId: pending.approval.approvalId,
        answer: 'allow-once',
      }),
    ).toEqual({ accepted: false });
    expect(modelCalls(host.fixture)).toHaveLength(1);
    const stored = (await a.api.sessions.get({ id: session.id })).messages.at(-1)!;
    expect(stored.parts.find((part) => part.type === 'tool-approval')).toMatchObject({ state: 'cancelled' });
    expect((await a.api.tools.runLog({ sessionId: session.id })).entries[0]).toMatchObject({
      decision: 'cancelled',
      reason: 'Not run: stopped while waiting for your OK',
    });
  });

  it('a trusted server runs without asking, a "Never" tool is not offered, read-only built-ins run by default', async () => {
    const host = await start();
    const a = host.window();
    const serverId = await host.addScriptedServer(a.api, a.appEvents);
    await a.api.tools.setPolicy({ target: { kind: 'server', serverId }, policy: 'allow' });
    await a.api.tools.setPolicy({ target: { kind: 'mcp-tool', serverId, tool: 'fail' }, policy: 'never' });
    host.fixture.script(
      reply.toolCalls([
        { id: 'call_ping', name: PING, input: {} },
        { id: 'call_time', name: 'current_time', input: {} },
      ]),
      reply.text('Done.'),
    );
    const session = await a.api.sessions.create();
    const seen = follow(a.api, session.id);
    await a.api.chat.send({ sessionId: session.id, text: 'Ping and tell the time' });
    await seen.waitFor((event) => event.type === 'run-completed');

    expect(seen.values.some((event) => event.type === 'tool-approval')).toBe(false);
    const offered = (modelCalls(host.fixture)[0]!.body.tools as { function: { name: string } }[]).map(
      (t) => t.function.name,
    );
    expect(offered).toContain(PING);
    expect(offered).not.toContain('mcp__scripted__fail');
    const log = await a.api.tools.runLog({ sessionId: session.id });
    expect(Object.fromEntries(log.entries.map((entry) => [entry.toolName, [entry.decidedBy, entry.reason]]))).toEqual({
      [PING]: ['rule', 'Allowed by your setting for the server Scripted'],
      current_time: ['default', 'Allowed by default (a read-only built-in tool)'],
    });
  });
});
