import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserHarness } from './browserHarness';
import { startChatFixture } from './chatDriver';
import type { SessionStore } from '../../src/core/store/sessionStore';
import { AddMcpServerInput, type Session } from '../../src/shared/contract';

const harness = useBrowserHarness();

/** How long the view waits for the next conversation (SWITCH_WAIT_MS in src/renderer/src/routing/useShownRoute.ts). */
const SWITCH_WAIT_MS = 250;
/** How long a clicked link waits for it before the address moves (OPEN_WAIT_MS in src/renderer/src/routing/openConversation.ts). */
const OPEN_WAIT_MS = 100;

/**
 * Routes the page's RPC socket through the test: every frame passes, except the answers to
 * `sessions.get` for a conversation the test holds, which wait until it lets them go.
 */
async function holdingSnapshots(page: Page) {
  const held = new Set<string>();
  const calls = new Map<number, string>();
  const waiting: { readonly sessionId: string; readonly raw: string | Buffer }[] = [];
  let route: WebSocketRoute | undefined;
  const sent: { readonly t: string; readonly id: number; readonly service?: string; readonly name?: string }[] = [];
  await page.routeWebSocket(/\/rpc/, (socket) => {
    route = socket;
    const server = socket.connectToServer();
    socket.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as {
        t: string;
        id: number;
        service?: string;
        name?: string;
        input?: { id?: string };
      };
      sent.push({ t: message.t, id: message.id, service: message.service, name: message.name });
      if (message.t === 'call' && message.service === 'sessions' && message.name === 'get' && message.input?.id) {
        calls.set(message.id, message.input.id);
      }
      server.send(raw);
    });
    server.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as { t: string; id?: number };
      const sessionId = message.t === 'result' && message.id !== undefined ? calls.get(message.id) : undefined;
      if (sessionId !== undefined && held.has(sessionId)) waiting.push({ sessionId, raw });
      else socket.send(raw);
    });
  });
  return {
    /** How many times the page asked for `sessionId`'s latest page. */
    asked: (sessionId: string) => [...calls.values()].filter((id) => id === sessionId).length,
    /** Every message the page sent, in order: calls and subscriptions made and ended. */
    sent,
    hold: (sessionId: string) => held.add(sessionId),
    /** Answers asked for `sessionId` that are being held. */
    heldFor: (sessionId: string) => waiting.filter((entry) => entry.sessionId === sessionId).length,
    release: (sessionId: string) => {
      held.delete(sessionId);
      for (const entry of waiting.splice(0)) {
        if (entry.sessionId === sessionId) route?.send(entry.raw);
        else waiting.push(entry);
      }
    },
  };
}

/** A 1200x800 page whose script errors go into `errors`. */
async function watchedPage(errors: string[]): Promise<Page> {
  const page = await harness.browser.newPage({ viewport: { width: 1200, height: 800 } });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

/** Two conversations, "Alpha notes" and "Beta notes", with one message each, and a page whose snapshots can be held. */
async function twoConversationsOpen() {
  const { running, errors } = await startChatFixture(harness);
  const [alpha, beta] = twoConversations(running);
  const page = await watchedPage(errors);
  const snapshots = await holdingSnapshots(page);
  return { running, errors, alpha, beta, page, snapshots };
}

function twoConversations(running: { core: { store: SessionStore } }): [Session, Session] {
  const [alpha, beta] = ['Alpha notes', 'Beta notes'].map((title) => {
    const session = running.core.store.createSession(title);
    running.core.store.appendMessage({
      sessionId: session.id,
      role: 'user',
      parts: [{ type: 'text', text: `The first message of ${title}.` }],
      status: 'complete',
      origin: 'user',
    });
    return session;
  });
  return [alpha!, beta!];
}

describe('switching conversations', () => {
  it('keeps the open conversation until the next one has come, then shows it with its messages, never "Loading conversation…"', async () => {
    const { running, errors, alpha, beta, page, snapshots } = await twoConversationsOpen();
    // What the main view shows at every change of the page (and at each click), with the time.
    await page.addInitScript(`(() => {
      const log = [];
      window.switchLog = log;
      const note = (click) => {
        const main = document.querySelector('main');
        const text = main ? main.textContent : '';
        log.push({
          t: performance.now(),
          click,
          busy: main !== null && main.getAttribute('aria-busy') === 'true',
          loading: document.querySelector('.loading-messages') !== null,
          alpha: text.includes('The first message of Alpha notes.'),
          beta: text.includes('The first message of Beta notes.'),
        });
      };
      new MutationObserver(() => note(false)).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
      document.addEventListener('click', () => note(true), true);
    })()`);
    interface Shown {
      readonly t: number;
      readonly click: boolean;
      readonly busy: boolean;
      readonly loading: boolean;
      readonly alpha: boolean;
      readonly beta: boolean;
    }
    /** What the view showed from the last click on. */
    const sinceClick = async (): Promise<Shown[]> => {
      const log = (await page.evaluate('window.switchLog')) as Shown[];
      const click = log.findLastIndex((entry) => entry.click);
      return log.slice(click).map((entry) => ({ ...entry, t: entry.t - log[click]!.t }));
    };
    await page.goto(`${running.host.url}#/c/${alpha.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('The first message of Alpha notes.').waitFor();

    // Beta's first page is held: once the click has waited for it a while (OPEN_WAIT_MS), the sidebar
    // moves, and the view stays on Alpha and is busy.
    snapshots.hold(beta.id);
    const list = page.getByRole('list', { name: 'Conversations' });
    await list.getByRole('link', { name: 'Beta notes' }).click();
    await expect.poll(() => list.getByRole('link', { name: 'Beta notes' }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => snapshots.heldFor(beta.id)).toBe(1);
    // It comes: Beta with its message, in one go.
    snapshots.release(beta.id);
    await messages.getByText('The first message of Beta notes.').waitFor();
    await page.getByRole('heading', { name: 'Beta notes' }).waitFor();
    expect(await page.getByRole('main').getAttribute('aria-busy')).toBeNull();
    expect(await messages.getByText('The first message of Alpha notes.').count()).toBe(0);
    const switched = await sinceClick();
    const until = switched.findIndex((entry) => entry.beta);
    const before = switched.slice(0, until);
    // Until Beta came: Alpha, busy once the click was handled; "Loading…" only if it took longer
    // than the view waits (a very busy machine), never sooner.
    expect(before.some((entry) => entry.busy && entry.alpha)).toBe(true);
    for (const entry of before) {
      if (entry.t < SWITCH_WAIT_MS) expect(entry).toMatchObject({ alpha: true, loading: false });
    }
    if (!before.some((entry) => entry.loading)) expect(switched[until]).toMatchObject({ alpha: false, loading: false });

    // One that does not come soon: once the view has waited long enough, it says it is loading.
    snapshots.hold(alpha.id);
    await list.getByRole('link', { name: 'Alpha notes' }).click();
    await page.getByText('Loading conversation…').waitFor();
    expect(await page.getByRole('main').getAttribute('aria-busy')).toBeNull();
    const waited = await sinceClick();
    expect(waited.find((entry) => entry.loading)!.t).toBeGreaterThanOrEqual(SWITCH_WAIT_MS - 1);
    expect(waited.filter((entry) => !entry.loading).every((entry) => entry.beta)).toBe(true);
    snapshots.release(alpha.id);
    await messages.getByText('The first message of Alpha notes.').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows the next conversation in the task that brings its first page, not in a later one', async () => {
    const { running, errors, alpha, beta, page, snapshots } = await twoConversationsOpen();
    // A listener after the page's own on its RPC socket notes, for the frame that brings Beta's first
    // page, whether the view shows Beta once the promise callbacks that frame set off have run (a
    // run of microtasks: before any other task, such as a render React schedules for later). Its
    // rows follow as the list measures its scroller, before the frame is painted.
    await page.addInitScript(`(() => {
      window.onArrival = [];
      const add = WebSocket.prototype.addEventListener;
      WebSocket.prototype.addEventListener = function (type, listener, options) {
        add.call(this, type, listener, options);
        if (type !== 'message' || this.noted) return;
        this.noted = true;
        add.call(this, 'message', (event) => {
          if (typeof event.data !== 'string' || !event.data.includes('The first message of Beta notes.')) return;
          let hops = 50;
          const look = () => {
            if (hops-- > 0) return queueMicrotask(look);
            const title = document.querySelector('main .chat-title');
            window.onArrival.push(title !== null && title.textContent === 'Beta notes');
          };
          queueMicrotask(look);
        });
      };
    })()`);
    await page.goto(`${running.host.url}#/c/${alpha.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('The first message of Alpha notes.').waitFor();
    snapshots.hold(beta.id);
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'Beta notes' }).click();
    await expect.poll(() => snapshots.heldFor(beta.id)).toBe(1);
    snapshots.release(beta.id);
    await messages.getByText('The first message of Beta notes.').waitFor();
    expect(await page.evaluate('window.onArrival')).toEqual([true]);
    expect(errors).toEqual([]);
  });

  it('moves the address, the selected row and the view together, in the task that brings the next conversation', async () => {
    const { running, errors, alpha, beta, page, snapshots } = await twoConversationsOpen();
    // At every change of the page: where the address, the sidebar's selection and the view are.
    await page.addInitScript(`(() => {
      window.states = [];
      const note = () => {
        const current = document.querySelector('[aria-label="Conversations"] [aria-current="page"]');
        const title = document.querySelector('main .chat-title');
        window.states.push({
          hash: location.hash,
          selected: current ? current.textContent : null,
          shown: title ? title.textContent : null,
        });
      };
      new MutationObserver(note).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    })()`);
    // The page's timers stand still: the click's wait for the page (OPEN_WAIT_MS) cannot run out.
    await page.clock.install();
    await page.goto(`${running.host.url}#/c/${alpha.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('The first message of Alpha notes.').waitFor();
    await page.clock.pauseAt(Date.now() + 1_000);
    const selected = () =>
      page.evaluate(`document.querySelector('[aria-label="Conversations"] [aria-current="page"]').textContent`);
    await expect.poll(selected).toBe('Alpha notes');
    snapshots.hold(beta.id);
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'Beta notes' }).click();
    await expect.poll(() => snapshots.heldFor(beta.id)).toBe(1);
    // While its first page is on its way nothing has moved: not the address, not the sidebar.
    await page.evaluate(
      'new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = resolve; c.port2.postMessage(0); })',
    );
    expect(await page.evaluate('location.hash')).toBe(`#/c/${alpha.id}`);
    expect(await selected()).toBe('Alpha notes');
    const from = (await page.evaluate('window.states.length')) as number;
    snapshots.release(beta.id);
    await messages.getByText('The first message of Beta notes.').waitFor();
    expect(await selected()).toBe('Beta notes');
    // Then all at once: no state of the page had the address or the sidebar on Beta and the view not.
    const states = (
      (await page.evaluate('window.states')) as { hash: string; selected: string; shown: string }[]
    ).slice(from);
    const moved = states.filter((state) => state.hash === `#/c/${beta.id}` || state.selected === 'Beta notes');
    expect(moved.length).toBeGreaterThan(0);
    for (const state of moved) {
      expect(state).toEqual({ hash: `#/c/${beta.id}`, selected: 'Beta notes', shown: 'Beta notes' });
    }

    // One whose page does not come within OPEN_WAIT_MS: the address and the sidebar move then, and
    // the view stays on Beta, busy, until it comes.
    snapshots.hold(alpha.id);
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'Alpha notes' }).click();
    await expect.poll(() => snapshots.heldFor(alpha.id)).toBe(1);
    expect(await selected()).toBe('Beta notes');
    await page.clock.runFor(OPEN_WAIT_MS);
    await expect.poll(selected).toBe('Alpha notes');
    expect(await page.evaluate('location.hash')).toBe(`#/c/${alpha.id}`);
    expect(await page.getByRole('main').getAttribute('aria-busy')).toBe('true');
    await page.getByRole('heading', { name: 'Beta notes' }).waitFor();
    snapshots.release(alpha.id);
    await messages.getByText('The first message of Alpha notes.').waitFor();
    expect(errors).toEqual([]);
  });

  it('goes Back and Forward between the conversations links opened', async () => {
    const { running, errors, alpha, beta, page } = await twoConversationsOpen();
    await page.goto(`${running.host.url}#/c/${alpha.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('The first message of Alpha notes.').waitFor();
    const sidebar = page.getByRole('list', { name: 'Conversations' });
    await sidebar.getByRole('link', { name: 'Beta notes' }).click();
    await messages.getByText('The first message of Beta notes.').waitFor();
    await sidebar.getByRole('link', { name: 'Alpha notes' }).click();
    await messages.getByText('The first message of Alpha notes.').waitFor();
    const at = async (session: Session, text: string) => {
      await messages.getByText(text).waitFor();
      await expect.poll(() => page.evaluate('location.hash')).toBe(`#/c/${session.id}`);
      await expect
        .poll(() => sidebar.getByRole('link', { name: session.title }).getAttribute('aria-current'))
        .toBe('page');
      await expect.poll(() => page.title()).toBe(`${session.title} — Navi`);
    };
    await page.goBack();
    await at(beta, 'The first message of Beta notes.');
    await page.goBack();
    await at(alpha, 'The first message of Alpha notes.');
    await page.goForward();
    await at(beta, 'The first message of Beta notes.');
    // A link opened after going back is a new entry after the one left.
    await sidebar.getByRole('link', { name: 'Alpha notes' }).click();
    await at(alpha, 'The first message of Alpha notes.');
    await page.goBack();
    await at(beta, 'The first message of Beta notes.');
    expect(errors).toEqual([]);
  });

  it('paints the rows in view first and the ones around them after, in the next frames', async () => {
    const { running, errors } = await startChatFixture(harness);
    const [first, second] = ['Short one', 'Long one'].map((title) => running.core.store.createSession(title));
    running.core.store.appendMessage({
      sessionId: first!.id,
      role: 'user',
      parts: [{ type: 'text', text: 'Hello.' }],
      status: 'complete',
      origin: 'user',
    });
    for (let i = 1; i <= 30; i++) {
      running.core.store.appendMessage({
        sessionId: second!.id,
        role: i % 2 === 1 ? 'user' : 'assistant',
        parts: [{ type: 'text', text: `Message ${i}. ${'Some words to fill a line or two. '.repeat(6)}` }],
        status: 'complete',
        origin: 'user',
      });
    }
    const page = await watchedPage(errors);
    await page.goto(`${running.host.url}#/c/${first!.id}`);
    await page.getByRole('list', { name: 'Messages' }).getByText('Hello.').waitFor();
    // Each frame from the click on: the rows in the page, and how many lie wholly outside the view.
    await page.evaluate(`(() => {
      const before = document.querySelector('ol.messages');
      window.frames = [];
      const look = () => {
        const list = document.querySelector('ol.messages');
        if (list && list !== before && list.querySelector('li.message-row')) {
          const view = document.querySelector('.message-scroller').getBoundingClientRect();
          const rows = [...list.querySelectorAll(':scope > li.message-row')].map((row) => row.getBoundingClientRect());
          window.frames.push({ rows: rows.length, outside: rows.filter((r) => r.bottom <= view.top || r.top >= view.bottom).length });
        }
        if (window.frames.length < 6) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    })()`);
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'Long one' }).click();
    await page.getByRole('list', { name: 'Messages' }).getByText('Message 30.').waitFor();
    await expect.poll(() => page.evaluate('window.frames.length')).toBe(6);
    const frames = (await page.evaluate('window.frames')) as { rows: number; outside: number }[];
    // The first frame: only rows in view. Then the rows around them come in.
    expect(frames[0]!.outside).toBe(0);
    expect(frames[0]!.rows).toBeGreaterThan(0);
    expect(frames.at(-1)!.rows).toBeGreaterThan(frames[0]!.rows);
    expect(errors).toEqual([]);
  });

  it('opens a conversation with the rows in view in its first render, guessed as the rows measured before', async () => {
    const { running, errors } = await startChatFixture(harness);
    const [first, second] = ['Read first', 'Read next'].map((title) => running.core.store.createSession(title));
    // Rows of prose, each counted as 12 lines of 24 px (90 characters to a line): laid out, about two thirds of that.
    for (const session of [first!, second!]) {
      for (let i = 1; i <= 12; i++) {
        running.core.store.appendMessage({
          sessionId: session.id,
          role: i % 2 === 1 ? 'user' : 'assistant',
          parts: [
            { type: 'text', text: `Row ${i} of ${session.title}. ${'Some words to fill a line or two. '.repeat(30)}` },
          ],
          status: 'complete',
          origin: 'user',
        });
      }
    }
    const page = await watchedPage(errors);
    await page.goto(`${running.host.url}#/c/${first!.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('Row 12 of Read first.').waitFor();
    // Rows the next list puts in after the render that brought it, before its first frame: each one
    // a render, a measurement and a layout more before the conversation is painted.
    await page.evaluate(`(() => {
      const before = document.querySelector('ol.messages');
      window.late = { rows: 0, painted: false };
      new MutationObserver((records) => {
        const list = document.querySelector('ol.messages');
        if (!list || list === before || window.late.painted) return;
        requestAnimationFrame(() => (window.late.painted = true));
        for (const record of records) {
          if (record.target === list) window.late.rows += [...record.addedNodes].filter((node) => node.nodeName === 'LI').length;
        }
      }).observe(document.querySelector('main'), { childList: true, subtree: true });
    })()`);
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'Read next' }).click();
    await messages.getByText('Row 12 of Read next.').waitFor();
    await expect.poll(() => page.evaluate('window.late.painted')).toBe(true);
    expect(await page.evaluate('window.late.rows')).toBe(0);
    expect(errors).toEqual([]);
  });

  it("does only the conversation's work: the app-wide subscriptions stay and the MCP servers are not asked for again", async () => {
    const { running, errors, alpha, page, snapshots } = await twoConversationsOpen();
    await running.core.mcp.configs.add(
      AddMcpServerInput.parse({ transport: 'stdio', name: 'Resting', command: process.execPath, enabled: false }),
    );
    await page.goto(`${running.host.url}#/c/${alpha.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('The first message of Alpha notes.').waitFor();
    await page.getByRole('button', { name: /^MCP off/ }).waitFor();
    const callsOf = (service: string, name: string) =>
      snapshots.sent.filter((message) => message.t === 'call' && message.service === service && message.name === name);
    expect(callsOf('mcp', 'list')).toHaveLength(1);
    const subscriptionOf = (name: string) =>
      snapshots.sent.findLast(
        (message) => message.t === 'listen' && message.service === 'chat' && message.name === name,
      );
    const alphaFeed = subscriptionOf('subscribe')!;
    const before = snapshots.sent.length;

    const sidebar = page.getByRole('list', { name: 'Conversations' });
    await sidebar.getByRole('link', { name: 'Beta notes' }).click();
    await messages.getByText('The first message of Beta notes.').waitFor();
    await page.getByRole('button', { name: /^MCP off/ }).waitFor();
    // Beta's chat subscription is made, then the page settles: nothing more goes out.
    await expect
      .poll(() => snapshots.sent.slice(before).some((m) => m.t === 'listen' && m.name === 'subscribe'))
      .toBe(true);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const during = snapshots.sent
      .slice(before)
      .map(({ t, service, name, id }) =>
        t === 'unlisten'
          ? id === alphaFeed.id
            ? 'unlisten chat.subscribe'
            : `unlisten ${id}`
          : `${t} ${service}.${name}`,
      );
    expect(during).toEqual(['call sessions.get', 'unlisten chat.subscribe', 'listen chat.subscribe']);

    // The MCP feed it kept still follows the servers: one added elsewhere shows in the new view.
    await running.core.mcp.configs.add(
      AddMcpServerInput.parse({ transport: 'stdio', name: 'Second', command: process.execPath, enabled: false }),
    );
    await expect
      .poll(() => page.getByRole('button', { name: /^MCP off/ }).getAttribute('title'))
      .toBe('Resting: disabled\nSecond: disabled');
    expect(errors).toEqual([]);
  });

  it('moves the selected row, the window title and focus to the next conversation', async () => {
    const { running, errors, alpha, page } = await twoConversationsOpen();
    // Two of the same name: handing the title from one view to the next keeps it.
    const [twin, otherTwin] = [1, 2].map(() => running.core.store.createSession('Twin'));
    await page.goto(`${running.host.url}#/c/${alpha.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('The first message of Alpha notes.').waitFor();
    const sidebar = page.getByRole('list', { name: 'Conversations' });
    const selected = () =>
      page.evaluate(
        `[...document.querySelectorAll('[aria-label="Conversations"] [aria-current]')].map((link) => link.getAttribute('aria-current') + ' ' + link.textContent)`,
      );
    const composerFocused = () =>
      page.evaluate(`document.activeElement === document.querySelector('textarea[aria-label="Message"]')`);
    await expect.poll(selected).toEqual(['page Alpha notes']);
    expect(await page.title()).toBe('Alpha notes — Navi');

    await sidebar.getByRole('link', { name: 'Beta notes' }).click();
    await messages.getByText('The first message of Beta notes.').waitFor();
    await expect.poll(selected).toEqual(['page Beta notes']);
    await expect.poll(() => page.title()).toBe('Beta notes — Navi');
    await expect.poll(composerFocused).toBe(true);
    // The row left is an ordinary link again (its rename and delete buttons stay named as they were).
    expect(await sidebar.getByRole('link', { name: 'Alpha notes' }).getAttribute('aria-current')).toBeNull();
    expect(await sidebar.getByRole('button', { name: 'Rename conversation' }).count()).toBe(4);

    for (const session of [twin!, otherTwin!, twin!]) {
      await page.evaluate(`location.hash = '#/c/${session.id}'`);
      await page.getByRole('main').getByText('No messages yet. Write the first one below.').waitFor();
      await expect.poll(() => page.evaluate(`location.hash`)).toBe(`#/c/${session.id}`);
      await expect.poll(() => page.title()).toBe('Twin — Navi');
      await expect.poll(() => sidebar.locator('[aria-current="page"]').count()).toBe(1);
    }
    // Leaving the conversations: the window is Navi's again.
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => page.title()).toBe('Navi');
    expect(await selected()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('focuses the composer once the next conversation is painted, not in the task that renders it', async () => {
    const { running, errors, alpha, page } = await twoConversationsOpen();
    await page.goto(`${running.host.url}#/c/${alpha.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('The first message of Alpha notes.').waitFor();
    // At the first frame that has Beta's messages (before it is painted): where focus is.
    await page.evaluate(`(() => {
      const before = document.querySelector('ol.messages');
      const look = () => {
        const list = document.querySelector('ol.messages');
        if (list && list !== before && list.querySelector('li.message-row')) {
          window.atFirstFrame = document.activeElement === document.querySelector('textarea[aria-label="Message"]');
        } else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    })()`);
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'Beta notes' }).click();
    await messages.getByText('The first message of Beta notes.').waitFor();
    await expect
      .poll(() => page.evaluate(`document.activeElement === document.querySelector('textarea[aria-label="Message"]')`))
      .toBe(true);
    expect(await page.evaluate('window.atFirstFrame')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('names the window after the next conversation once it is painted, not in the task that renders it', async () => {
    const { running, errors, alpha, page } = await twoConversationsOpen();
    await page.goto(`${running.host.url}#/c/${alpha.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('The first message of Alpha notes.').waitFor();
    await expect.poll(() => page.title()).toBe('Alpha notes — Navi');
    // At the first frame that has Beta's messages (before it is painted): the window's title.
    await page.evaluate(`(() => {
      const before = document.querySelector('ol.messages');
      const look = () => {
        const list = document.querySelector('ol.messages');
        if (list && list !== before && list.querySelector('li.message-row')) window.titleAtFirstFrame = document.title;
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    })()`);
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'Beta notes' }).click();
    await messages.getByText('The first message of Beta notes.').waitFor();
    await expect.poll(() => page.title()).toBe('Beta notes — Navi');
    expect(await page.evaluate('window.titleAtFirstFrame')).toBe('Alpha notes — Navi');
    expect(errors).toEqual([]);
  });

  it('asks for the next conversation as the mouse button goes down, and once', async () => {
    const { running, errors, alpha, beta, page, snapshots } = await twoConversationsOpen();
    await page.goto(`${running.host.url}#/c/${alpha!.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('The first message of Alpha notes.').waitFor();
    expect(snapshots.asked(beta!.id)).toBe(0);
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'Beta notes' }).hover();
    await page.mouse.down();
    // Asked while the button is still down: nothing has opened yet.
    await expect.poll(() => snapshots.asked(beta!.id)).toBe(1);
    expect(page.url()).toContain(alpha!.id);
    await page.mouse.up();
    await messages.getByText('The first message of Beta notes.').waitFor();
    // The click used that answer.
    expect(snapshots.asked(beta!.id)).toBe(1);
    expect(errors).toEqual([]);
  });
  it('asks for the next conversation as keyboard focus rests on its link, and Enter uses that answer', async () => {
    const { running, errors, alpha, beta, page, snapshots } = await twoConversationsOpen();
    await page.goto(`${running.host.url}#/c/${alpha.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('The first message of Alpha notes.').waitFor();
    const link = page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'Beta notes' });
    await link.focus();
    expect(await link.evaluate((element) => element.matches(':focus-visible'))).toBe(true);
    // Asked while focus rests there: nothing has opened yet.
    await expect.poll(() => snapshots.asked(beta.id)).toBe(1);
    expect(page.url()).toContain(alpha.id);
    await page.keyboard.press('Enter');
    await messages.getByText('The first message of Beta notes.').waitFor();
    expect(snapshots.asked(beta.id)).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe('"Load earlier messages"', () => {
  it('asks for the earlier page as the mouse button goes down on it, and the click uses that answer', async () => {
    const { running, errors, page, snapshots } = await twoConversationsOpen();
    const long = running.core.store.createSession('Long talk');
    for (let i = 1; i <= 70; i++) {
      running.core.store.appendMessage({
        sessionId: long.id,
        role: i % 2 === 1 ? 'user' : 'assistant',
        parts: [{ type: 'text', text: `Message ${i}.` }],
        status: 'complete',
        origin: 'user',
      });
    }
    await page.goto(`${running.host.url}#/c/${long.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('Message 70.').waitFor();
    const asked = snapshots.asked(long.id);
    const button = page.getByRole('button', { name: 'Load earlier messages' });
    await button.hover();
    await page.mouse.down();
    // Asked while the button is still down.
    await expect.poll(() => snapshots.asked(long.id)).toBe(asked + 1);
    await page.mouse.up();
    // The last 20 came in front (50 were loaded): nothing is left to load.
    await button.waitFor({ state: 'detached' });
    await messages.locator('li[aria-setsize="70"]').first().waitFor({ state: 'attached' });
    // The click used that answer: nothing more was asked.
    expect(snapshots.asked(long.id)).toBe(asked + 1);
    expect(errors).toEqual([]);
  });
});
