import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSAL_TEXT } from '../../../src/core/approvals/toolApprovals';
import { UNATTENDED_APPROVAL_WAIT_MS, type AppEvent } from '../../../src/shared/contract';
import { reply } from '../../fixtures';
import { projectRoot } from '../../helpers/host';
import { ManualClock } from '../../helpers/manualClock';
import { modelCalls, PING, toolMessages, useApprovalHost } from './harness';

const start = useApprovalHost();
const MINUTE = 60_000;

type Fired = Extract<AppEvent, { type: 'recall-fired' }>;
type ApprovalNeeded = Extract<AppEvent, { type: 'approval-needed' }>;

/** A host on a manual clock with the scripted MCP server, and a recall due in a minute that pings it. */
async function recallThatPings(unattendedPolicy: 'wait' | 'deny') {
  const clock = new ManualClock(Date.parse('2026-11-24T12:00:00Z'));
  const host = await start({ clock });
  const window = host.window();
  await host.addScriptedServer(window.api, window.appEvents);
  const session = await window.api.sessions.create({ title: 'Server watch' });
  const recall = await window.api.recalls.create({
    sessionId: session.id,
    schedule: { kind: 'once', at: clock.now() + MINUTE },
    message: 'Ping the server and tell me what it said',
    unattendedPolicy,
  });
  expect(recall.unattendedPolicy).toBe(unattendedPolicy);
  host.fixture.script(reply.toolCalls([{ id: 'call_ping', name: PING, input: {} }]), reply.text('It said pong.'));
  clock.advance(MINUTE);
  const fired = () => window.appEvents.waitFor((event): event is Fired => event.type === 'recall-fired');
  return { clock, host, window, session, recall, fired };
}

describe('a recall run that hits an Ask tool', () => {
  it('deny and continue: the tool is refused, the model is told and carries on, the history says so', async () => {
    const { host, window, recall, fired } = await recallThatPings('deny');
    expect(await fired()).toMatchObject({ kind: 'fired', outcome: 'success', text: 'It said pong.' });

    const [, second] = modelCalls(host.fixture);
    expect(toolMessages(second!.body)).toEqual([
      expect.objectContaining({ tool_call_id: 'call_ping', content: REFUSAL_TEXT.recallPolicy }),
    ]);
    expect(window.appEvents.values.some((event) => event.type === 'approval-needed')).toBe(false);
    expect(host.notifications.map((notification) => notification.kind)).toEqual(['fired']);
    const [run] = await window.api.recalls.history({ recallId: recall.id });
    expect(run).toMatchObject({ outcome: 'success' });
    expect(run!.approvals).toEqual([
      expect.objectContaining({
        toolLabel: 'ping',
        serverName: 'Scripted',
        origin: 'recall',
        decision: 'denied',
        decidedBy: 'recall-policy',
        reason: "Denied by the recall's policy (deny and continue)",
      }),
    ]);
  });

  it('wait for approval: a notification asks, a window answers, the tool runs and the history records it', async () => {
    const { clock, host, window, session, recall, fired } = await recallThatPings('wait');
    const needed = await window.appEvents.waitFor((event): event is ApprovalNeeded => event.type === 'approval-needed');
    expect(needed).toMatchObject({
      sessionId: session.id,
      recallId: recall.id,
      title: 'Navi needs your OK to run ping (Scripted)',
      expiresAt: clock.now() + UNATTENDED_APPROVAL_WAIT_MS,
    });
    expect(host.notifications).toEqual([
      expect.objectContaining({
        kind: 'approval',
        sessionId: session.id,
        title: 'Navi needs your OK to run ping (Scripted)',
      }),
    ]);
    // The card is in the conversation for whoever opens it.
    const snapshot = await window.api.sessions.get({ id: session.id });
    expect(snapshot.activeRun?.partial.parts).toContainEqual(
      expect.objectContaining({ type: 'tool-approval', approvalId: needed.approvalId, state: 'pending' }),
    );

    clock.advance(10 * MINUTE); // well within the wait
    await window.api.chat.answerApproval({
      sessionId: session.id,
      approvalId: needed.approvalId,
      answer: 'allow-once',
    });
    expect(await fired()).toMatchObject({ kind: 'fired', outcome: 'success' });
    expect(toolMessages(modelCalls(host.fixture)[1]!.body)).toEqual([
      expect.objectContaining({ tool_call_id: 'call_ping', content: 'pong' }),
    ]);
    const [run] = await window.api.recalls.history({ recallId: recall.id });
    expect(run!.approvals).toEqual([
      expect.objectContaining({ decision: 'allowed', decidedBy: 'person-once', outcome: 'succeeded' }),
    ]);
  });

  it('wait for approval with no answer: the run ends after the stated time with a readable outcome', async () => {
    const { clock, host, window, recall, fired } = await recallThatPings('wait');
    await window.appEvents.waitFor((event) => event.type === 'approval-needed');
    clock.advance(UNATTENDED_APPROVAL_WAIT_MS - 1);
    expect(window.appEvents.values.some((event) => event.type === 'recall-fired')).toBe(false);
    clock.advance(1);

    const expected =
      'Waited 30 minutes for your OK to run ping (Scripted); no answer came, so the run ended without running it.';
    expect(await fired()).toMatchObject({ kind: 'failed', outcome: 'failed', text: expected });
    expect(modelCalls(host.fixture)).toHaveLength(1); // the tool never ran, the model was not called again
    const [run] = await window.api.recalls.history({ recallId: recall.id });
    expect(run).toMatchObject({ outcome: 'failed', error: expected });
    expect(run!.approvals).toEqual([
      expect.objectContaining({
        decision: 'expired',
        decidedBy: 'timeout',
        reason: 'Not run: no answer within 30 minutes',
      }),
    ]);
    // A one-time recall that waited in vain is done, not retried (it would only wait again).
    expect((await window.api.recalls.list({ sessionId: recall.sessionId }))[0]).toMatchObject({ status: 'done' });
  });
});

const EVERYTHING = join(projectRoot, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
const ELICIT = 'mcp__everything__trigger-elicitation-request';

describe("an MCP server's question in a recall run follows the same rule", () => {
  it('deny declines it at once; wait notifies, leaves the form open, and cancels it after the stated time', async () => {
    const clock = new ManualClock(Date.parse('2026-11-24T12:00:00Z'));
    const host = await start({ clock });
    const { api, appEvents } = host.window();
    const server = await api.mcp.add({
      transport: 'stdio',
      name: 'Everything',
      command: process.execPath,
      args: [EVERYTHING, 'stdio'],
    });
    await api.tools.setPolicy({ target: { kind: 'server', serverId: server.id }, policy: 'allow' });
    // The server offers its elicitation tool once it has seen that Navi can answer questions.
    await expect
      .poll(async () => (await api.mcp.listTools({ id: server.id })).map((tool) => tool.name), { timeout: 20_000 })
      .toContain('trigger-elicitation-request');
    const session = await api.sessions.create({ title: 'Questions' });
    const schedule = (at: number, unattendedPolicy: 'wait' | 'deny') =>
      api.recalls.create({
        sessionId: session.id,
        schedule: { kind: 'once', at },
        message: 'Ask me',
        unattendedPolicy,
      });
    const denying = await schedule(clock.now() + MINUTE, 'deny');
    const waiting = await schedule(clock.now() + 3 * MINUTE, 'wait');
    host.fixture.script(
      reply.toolCalls([{ id: 'call_1', name: ELICIT, input: {} }]),
      reply.text('It asked; the recall said no.'),
      reply.toolCalls([{ id: 'call_2', name: ELICIT, input: {} }]),
      reply.text('Nobody answered.'),
    );
    const firedFor = (recallId: string) =>
      appEvents.waitFor((event): event is Fired => event.type === 'recall-fired' && event.recallId === recallId);

    clock.advance(MINUTE);
    await firedFor(denying.id);
    expect(JSON.stringify(toolMessages(modelCalls(host.fixture)[1]!.body))).toContain('User declined');
    expect(appEvents.values.some((event) => event.type === 'approval-needed')).toBe(false);

    clock.advance(2 * MINUTE);
    const needed = await appEvents.waitFor((event): event is ApprovalNeeded => event.type === 'approval-needed');
    expect(needed).toMatchObject({ recallId: waiting.id, title: 'Navi needs your answer for Everything' });
    expect(host.notifications.at(-1)).toMatchObject({
      kind: 'approval',
      title: 'Navi needs your answer for Everything',
    });
    const open = await api.sessions.get({ id: session.id });
    expect(open.activeRun).toBeDefined();
    clock.advance(UNATTENDED_APPROVAL_WAIT_MS);
    await firedFor(waiting.id);
    expect(JSON.stringify(toolMessages(modelCalls(host.fixture)[3]!.body))).toContain('User cancelled');
  });
});
