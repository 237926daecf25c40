import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REFUSAL_TEXT } from '../../src/core/approvals/toolApprovals';
import type { Clock } from '../../src/core/ports';
import { DEFAULT_COALESCING } from '../../src/core/sessions/coalescingSubscriber';
import type { AppEvent, NaviClient } from '../../src/shared/contract';
import { reply, startOpenAiFixture, type FixtureServer } from '../fixtures';
import { startTestHost, type TestHost } from '../helpers/host';
import { ManualClock } from '../helpers/manualClock';
import { addScriptedServer, PING } from '../helpers/scriptedMcp';
import { Seen } from '../helpers/seen';
import { socketClient } from '../helpers/socketClient';
import { fixtureEnv } from '../integration/agent/harness';
import { modelCalls, toolMessages } from '../integration/approval/harness';
import { collectPageErrors, useBrowserHarness } from './browserHarness';
import { lastReplyText, sendMessage } from './chatDriver';
import { clickLastNotification, notificationsIn, RECORD_NOTIFICATIONS } from './recallsDriver';

const harness = useBrowserHarness();

interface ApprovalFixture {
  readonly fixture: FixtureServer;
  readonly running: TestHost;
  readonly serverId: string;
  readonly errors: string[];
  /** A client of the same host (setup and checks). */
  readonly api: NaviClient;
  open(hash?: string): Promise<Page>;
}

/**
 * The real agent on the scripted OpenAI-compatible server, the scripted MCP server connected as
 * "Scripted", behind the browser host; pages must not log errors.
 */
async function start(options: { clock?: Clock } = {}): Promise<ApprovalFixture> {
  const fixture = await startOpenAiFixture();
  harness.afterTest(() => fixture.close());
  const running = await startTestHost(harness.tempDir(), { env: fixtureEnv(fixture), core: { clock: options.clock } });
  harness.afterTest(() => running.close());
  const setup = socketClient(running.host.port, running.host.token);
  harness.afterTest(async () => setup.close());
  const appEvents = new Seen<AppEvent>();
  setup.api.events.onAppEvent(undefined, appEvents.push);
  const serverId = await addScriptedServer(setup.api, appEvents);
  const errors: string[] = [];
  return {
    fixture,
    running,
    serverId,
    errors,
    api: setup.api,
    open: async (hash = '') => {
      const page = await harness.browser.newPage({ viewport: { width: 1100, height: 800 } });
      page.setDefaultTimeout(30_000);
      collectPageErrors(page, errors);
      await page.goto(`${running.host.url}${hash}`);
      await page
        .getByRole('textbox', { name: 'Message' })
        .or(page.getByRole('heading', { name: 'Settings' }))
        .waitFor();
      return page;
    },
  };
}

/** Each test starts a host, an MCP server process and Chromium pages: slow on a busy machine. */
const SLOW = { timeout: 120_000 };

const approvalCard = (page: Page): Locator =>
  page.getByRole('region', { name: 'Navi needs your OK to run ping (Scripted)' });

/**
 * Two windows on one conversation: the first sends, and the card reaches both live (the second
 * window was open before the run began, so it learns of the card from the stream, not a reload).
 */
async function twoWindowsWaiting(app: ApprovalFixture, text: string): Promise<[Page, Page]> {
  const session = await app.api.sessions.create({ title: 'Server check' });
  const hash = `#/c/${encodeURIComponent(session.id)}`;
  const first = await app.open(hash);
  const second = await app.open(hash);
  await sendMessage(first, text);
  await approvalCard(first).waitFor();
  await approvalCard(second).waitFor();
  return [first, second];
}

describe('tool approval in two Chromium windows', SLOW, () => {
  it('shows the same card in both windows; Allow once in one updates the other at once, and the tool runs', async () => {
    const app = await start();
    app.fixture.script(
      reply.toolCalls([{ id: 'call_ping', name: PING, input: {} }]),
      reply.text('The server said pong.'),
    );
    const [first, second] = await twoWindowsWaiting(app, 'Ping the server');

    for (const page of [first, second]) {
      const card = approvalCard(page);
      expect(await card.getByText('Navi wants to run ping from the MCP server Scripted').count()).toBe(1);
      expect(await card.locator('pre').innerText()).toBe('{}');
      for (const name of ['Allow once', 'Always allow', 'Deny']) {
        expect(await card.getByRole('button', { name, exact: true }).isEnabled()).toBe(true);
      }
    }
    await approvalCard(second).getByRole('button', { name: 'Allow once' }).click();
    // The other window's card goes without a reload: the answer reached it as a chat event.
    await approvalCard(first).waitFor({ state: 'detached' });
    for (const page of [first, second]) {
      await expect.poll(() => lastReplyText(page)).toBe('The server said pong.');
    }

    // The tool card says how it was allowed and opens the conversation's tool-run log.
    const card = first.locator('details.tool-card').filter({ hasText: PING });
    await card.locator('summary').click();
    await card.getByText('Allowed once by you').waitFor();
    await card.getByRole('button', { name: 'Tool run log' }).click();
    const log = first.getByRole('dialog', { name: 'Tool runs in this conversation' });
    const entry = log.getByRole('listitem', { name: 'ping (Scripted)' });
    expect(await entry.getAttribute('aria-current')).toBe('true');
    expect(await entry.innerText()).toContain('Allowed once by you · ran');
    await log.getByRole('button', { name: 'Close' }).click();
    expect(app.errors).toEqual([]);
  });

  it('Deny in one window: both show the call as denied and the model carries on', async () => {
    const app = await start();
    app.fixture.script(
      reply.toolCalls([{ id: 'call_ping', name: PING, input: {} }]),
      reply.text('Understood, I did not ping it.'),
    );
    const [first, second] = await twoWindowsWaiting(app, 'Ping the server');
    await approvalCard(first).getByRole('button', { name: 'Deny' }).click();
    for (const page of [first, second]) {
      await approvalCard(page).waitFor({ state: 'detached' });
      await expect.poll(() => lastReplyText(page)).toBe('Understood, I did not ping it.');
      expect(await page.locator('details.tool-card .tool-status').innerText()).toBe('denied');
    }
    // The provider heard the refusal as the call's result, and was asked to carry on.
    const [, carryOn] = modelCalls(app.fixture);
    expect(toolMessages(carryOn!.body)).toEqual([
      expect.objectContaining({ tool_call_id: 'call_ping', content: REFUSAL_TEXT.person }),
    ]);
    expect(app.errors).toEqual([]);
  });

  it('Stop works while the card waits, from the other window', async () => {
    const app = await start();
    app.fixture.script(reply.toolCalls([{ id: 'call_ping', name: PING, input: {} }]));
    const [first, second] = await twoWindowsWaiting(app, 'Ping the server');
    await second.getByRole('button', { name: 'Stop' }).click();
    for (const page of [first, second]) {
      await approvalCard(page).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Send' }).waitFor();
      expect(await page.locator('details.tool-card .tool-status').innerText()).toBe('not run');
    }
    expect(app.fixture.chatRequests().filter((request) => request.body?.stream === true)).toHaveLength(1);
    expect(app.errors).toEqual([]);
  });

  it('Always allow shows in Settings; a server trusted there runs its tools without asking', async () => {
    const app = await start();
    app.fixture.script(reply.toolCalls([{ id: 'call_1', name: PING, input: {} }]), reply.text('Pinged.'));
    const page = await app.open();
    await sendMessage(page, 'Ping the server');
    await approvalCard(page).getByRole('button', { name: 'Always allow' }).click();
    await expect.poll(() => lastReplyText(page)).toBe('Pinged.');

    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Tool permissions' });
    const ping = section.getByRole('combobox', { name: 'Permission for ping' });
    await expect.poll(() => ping.inputValue()).toBe('allow');
    expect(await section.getByRole('combobox', { name: 'Permission for fail' }).inputValue()).toBe('');
    expect(await section.getByRole('combobox', { name: 'Permission for current_time' }).inputValue()).toBe('');
    // Back to "Same as the server", and the whole server trusted instead.
    await ping.selectOption('');
    await section.getByRole('combobox', { name: 'Permission for all tools of Scripted' }).selectOption('allow');
    await expect.poll(async () => (await socketClientPolicies(app)).servers[0]?.rule).toBe('allow');

    app.fixture.script(reply.toolCalls([{ id: 'call_2', name: PING, input: {} }]), reply.text('Pinged again.'));
    await page.getByRole('button', { name: 'New chat' }).click();
    await sendMessage(page, 'Ping it again');
    await expect.poll(() => lastReplyText(page)).toBe('Pinged again.');
    expect(await approvalCard(page).count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});

describe('a recall run that needs your OK, in Chromium', SLOW, () => {
  it('the recall form says which policy applies; a waiting run notifies, and the click opens the card', async () => {
    // The core's time moves only when the test says; the page's clock is real.
    const clock = new ManualClock(Date.now());
    const app = await start({ clock });
    // Notifications need the full Chromium (the headless shell denies them whatever is granted).
    const context = await (await harness.fullChromium()).newContext({ viewport: { width: 1100, height: 800 } });
    harness.afterTest(() => context.close());
    await context.grantPermissions(['notifications'], { origin: new URL(app.running.host.url).origin });
    await context.addInitScript({ content: RECORD_NOTIFICATIONS });
    const client = socketClient(app.running.host.port, app.running.host.token);
    harness.afterTest(async () => client.close());
    const session = await client.api.sessions.create({ title: 'Server watch' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    collectPageErrors(page, app.errors);
    await page.goto(`${app.running.host.url}#/c/${encodeURIComponent(session.id)}`);

    // Made in the form: "deny and continue" is saved and shown on the recall.
    await page.getByRole('button', { name: 'New recall' }).click();
    const form = page.getByRole('form', { name: 'New recall' });
    const policy = form.getByRole('combobox', { name: 'If a tool needs your OK' });
    expect(await policy.inputValue()).toBe('wait');
    await form.getByText('A notification asks, and the run waits up to 30 minutes', { exact: false }).waitFor();
    await policy.selectOption('deny');
    await form.getByText('The tool is not run, and Navi carries on without it.').waitFor();
    await form.getByRole('textbox', { name: 'Say when' }).fill('in 10 minutes');
    await form.getByRole('textbox', { name: 'Instructions' }).fill('Quietly ping the server');
    await form.getByRole('button', { name: 'Create recall' }).click();
    await page.getByText('denies tools that ask').waitFor();
    expect((await client.api.recalls.list({ sessionId: session.id }))[0]?.unattendedPolicy).toBe('deny');

    // A recall that waits: due now, its run asks, the notification's click brings the card.
    await page.goto(`${app.running.host.url}#/`);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    app.fixture.script(reply.toolCalls([{ id: 'call_ping', name: PING, input: {} }]), reply.text('It answered pong.'));
    const waiting = await client.api.recalls.create({
      sessionId: session.id,
      schedule: { kind: 'once', at: clock.now() + 60_000 },
      message: 'Ping the server',
      unattendedPolicy: 'wait',
    });
    clock.advance(60_000);
    await expect
      .poll(async () => (await notificationsIn(page)).map((n) => n.title), { timeout: 20_000 })
      .toContain('Navi needs your OK to run ping (Scripted)');
    await clickLastNotification(page);
    await expect.poll(() => page.url()).toContain(encodeURIComponent(session.id));
    const card = approvalCard(page);
    await card.getByText('A recall is waiting for your answer.', { exact: false }).waitFor();
    await card.getByRole('button', { name: 'Allow once' }).click();
    // The stream reaches windows in batches timed by the core's clock: move it a batch at a time.
    await expect
      .poll(() => {
        clock.advance(DEFAULT_COALESCING.intervalMs);
        return lastReplyText(page);
      })
      .toBe('It answered pong.');
    const [run] = await client.api.recalls.history({ recallId: waiting.id });
    expect(run?.approvals?.map((entry) => entry.decidedBy)).toEqual(['person-once']);
    // The run history says what was asked and how it was answered.
    await page.getByRole('link', { name: 'Scheduled' }).click();
    const historyRow = page
      .getByRole('region', { name: 'Run history' })
      .getByRole('row')
      .filter({ hasText: 'Ping the server' });
    const asked = historyRow.getByRole('list', { name: 'Asked for your OK' });
    await expect.poll(() => asked.innerText()).toBe('Asked to run ping (Scripted): Allowed once by you');
    expect(app.errors).toEqual([]);
  });
});

async function socketClientPolicies(app: ApprovalFixture) {
  const client = socketClient(app.running.host.port, app.running.host.token);
  try {
    return await client.api.tools.policies();
  } finally {
    client.close();
  }
}
