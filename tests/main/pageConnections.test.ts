import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../src/shared/contract';
import { settle } from '../helpers/controlledAgent';
import { APP_PAGE, useDesktop } from './desktopHarness';
import { startGatedProvider } from './gatedProvider';

const launch = useDesktop();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const draft = (baseURL: string) => ({ draft: { kind: 'openai-compatible' as const, baseURL } });

/** Waits until `check` holds, letting the app's I/O and microtasks run in between (no timers). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('one RPC connection per page load', () => {
  it("a call still pending when the page reloads never answers the new page's call with the same id", async () => {
    const provider = await startGatedProvider();
    cleanups.push(provider.close);
    const desktop = await launch();
    const window = desktop.electron.windows()[0]!;
    const before = desktop.client(window.page);
    const oldCall = before.api.settings.testConnection(draft(provider.baseURL));
    oldCall.catch(() => {});
    await provider.requests(1);

    window.webContents.reload();
    const after = desktop.client(window.page);
    let answered: string | undefined;
    const newCall = after.api.settings.testConnection(draft(provider.baseURL)).then((result) => {
      answered = result.message;
      return result;
    });
    await provider.requests(2);

    provider.release(0, 3); // the old page's request
    await settle(20);
    expect(answered).toBeUndefined();
    provider.release(1, 5);
    expect((await newCall).message).toMatch(/5 models available/);
  });

  it("after a renderer crash, the reloaded page's first subscription works and follows live updates", async () => {
    const desktop = await launch();
    const window = desktop.electron.windows()[0]!;
    const before = desktop.client(window.page);
    const seenBefore: AppEvent[] = [];
    before.api.events.onAppEvent(undefined, (event) => seenBefore.push(event));
    await before.api.app.info();

    window.webContents.crash(); // no beforeunload, no unlisten
    await settle();
    if (!window.webContents.page) window.webContents.reload();
    await until(() => window.webContents.page !== undefined, 'the page to come back');
    const after = desktop.client(window.page);
    const seen: AppEvent[] = [];
    after.api.events.onAppEvent(undefined, (event) => seen.push(event));
    await after.api.app.info();
    await after.api.sessions.create({ title: 'After the crash' });
    await until(() => seen.some((event) => event.type === 'session-changed'), 'a live session event');
    expect(after.errors).toEqual([]);
    expect(seenBefore).toEqual([]);
  });

  it('the reloaded page gets a fresh connection and the old one is gone with its subscriptions', async () => {
    const desktop = await launch();
    const window = desktop.electron.windows()[0]!;
    const first = desktop.client(window.page);
    first.api.events.onAppEvent(undefined, () => {});
    first.api.chat.subscribe({ sessionId: (await first.api.sessions.create()).id, fromSeq: 0 }, () => {});
    await first.api.app.info();
    const listeners = desktop.app.core()!.bus.listenerCount;

    const seen: AppEvent[] = [];
    for (let i = 0; i < 5; i++) {
      window.webContents.reload();
      const client = desktop.client(window.page);
      client.api.events.onAppEvent(undefined, (event) => seen.push(event));
      await client.api.app.info();
    }
    await settle();
    // Each reload replaced the previous page's subscription instead of adding one (or failing).
    expect(desktop.app.core()!.bus.listenerCount).toBe(listeners);
    await desktop.client(window.page).api.sessions.create({ title: 'Live' });
    await until(() => seen.length > 0, 'the last page to hear the bus');
    expect(seen.every((event) => event.type === 'session-changed')).toBe(true);
  });
});

describe('IPC sender checks', () => {
  it('refuses a foreign subframe and a page that is not ours; serves only our main frame', async () => {
    const desktop = await launch();
    const window = desktop.electron.windows()[0]!;
    const page = window.page;
    expect(page.url.startsWith(APP_PAGE)).toBe(true);

    const iframe = page.addFrame('https://evil.example/');
    const { createBridge } = await import('../../src/preload/bridge');
    const evil = desktop.client({ ...page, bridge: createBridge(iframe.ipcRenderer()) } as typeof page);
    const refused = evil.api.app.info();
    await settle(20);
    await expect(Promise.race([refused, Promise.resolve('no answer')])).resolves.toBe('no answer');
    expect(desktop.logs.join('\n')).toMatch(/Refused IPC.*subframe/);

    const ours = desktop.client(page);
    expect((await ours.api.app.info()).shell).toBe('desktop');
  });
});

describe('IPC message size', () => {
  it('drops a message over the frame limit with a reason, and keeps serving the page', async () => {
    const { MAX_FRAME_BYTES } = await import('../../src/shared/contract/limits');
    const desktop = await launch();
    const page = desktop.electron.windows()[0]!.page;
    const client = desktop.client(page);
    await client.api.app.info(); // connected: the page holds its port
    // A compromised renderer could post past the preload's own check; the main process still refuses.
    const [port] = [...page.ports];
    port!.postMessage({ t: 'call', id: 99, service: 'app', name: 'info', input: 'x'.repeat(MAX_FRAME_BYTES) });
    await settle();
    expect(desktop.logs.join('\n')).toMatch(/refused: A message to Navi can be at most 8 MB/);
    expect((await client.api.app.info()).shell).toBe('desktop');
  });
});
