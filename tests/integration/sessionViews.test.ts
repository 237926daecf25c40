import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent, NaviClient } from '../../src/shared/contract';
import { reply, startOpenAiFixture } from '../fixtures';
import { startTestHost } from '../helpers/host';
import { socketClient } from '../helpers/socketClient';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const fixture = await startOpenAiFixture({
    models: ['fixture-model'],
    nonStreaming: { kind: 'message', text: ['A title'] },
  });
  cleanups.push(() => fixture.close());
  fixture.setDefaultReply(reply.text('Done.'));
  const running = await startTestHost(tempDir(), {
    env: { OPENAI_BASE_URL: fixture.baseURL, NAVI_MODEL: 'fixture-model' },
  });
  cleanups.push(() => running.close());
  const window = () => {
    const client = socketClient(running.host.port, running.host.token);
    cleanups.push(client.close);
    return client;
  };
  return { window, core: running.core };
}

const titles = async (api: NaviClient, view: 'pinned' | 'recent' | 'archived') =>
  (await api.sessions.list({ view })).map((session) => session.title);

describe('pinned, recent and archived conversations; unread marks (through the host)', () => {
  it('lists each view newest first; pinning keeps the place by last activity; archived ones are restorable', async () => {
    const { window } = await setup();
    const { api } = window();
    const made: string[] = [];
    for (const title of ['Oldest', 'Middle', 'Newest']) made.push((await api.sessions.create({ title })).id);
    const [oldest, middle] = made as [string, string, string];

    const before = (await api.sessions.list()).find((session) => session.id === oldest)!;
    const pinned = await api.sessions.setPinned({ id: oldest, pinned: true });
    expect(pinned).toMatchObject({ pinned: true, updatedAt: before.updatedAt });
    await api.sessions.setArchived({ id: middle, archived: true });

    expect(await titles(api, 'pinned')).toEqual(['Oldest']);
    expect(await titles(api, 'recent')).toEqual(['Newest']);
    expect(await titles(api, 'archived')).toEqual(['Middle']);
    // A pinned conversation archived is listed with the archived ones (still pinned when restored).
    await api.sessions.setArchived({ id: oldest, archived: true });
    expect(await titles(api, 'pinned')).toEqual([]);
    expect((await titles(api, 'archived')).sort()).toEqual(['Middle', 'Oldest']);
    await api.sessions.setArchived({ id: oldest, archived: false });
    expect(await titles(api, 'pinned')).toEqual(['Oldest']);
    // Pages of a view follow on from a cursor.
    for (let i = 0; i < 3; i++) await api.sessions.create({ title: `More ${i}` });
    const first = await api.sessions.list({ view: 'recent', limit: 2 });
    const rest = await api.sessions.list({ view: 'recent', after: first.at(-1)! });
    // Made in the same millisecond, conversations are ordered by id: compare with the whole view.
    expect([...first, ...rest]).toEqual(await api.sessions.list({ view: 'recent' }));
    expect(first).toHaveLength(2);
    await expect(api.sessions.setPinned({ id: 'nope', pinned: true })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a recall that replies while no window follows the conversation marks it unread in every window; opening it clears the mark', async () => {
    const { window, core } = await setup();
    const watcher = window();
    const other = window();
    const heard: AppEvent[] = [];
    other.api.events.onAppEvent(undefined, (event) => heard.push(event));
    const unwatched = await watcher.api.sessions.create({ title: 'Deploy' });
    const watched = await watcher.api.sessions.create({ title: 'Inbox' });
    // One window has "Inbox" open.
    const { seq } = await watcher.api.sessions.get({ id: watched.id });
    const subscription = watcher.api.chat.subscribe({ sessionId: watched.id, fromSeq: seq + 1 }, () => {});
    await expect.poll(() => core.orchestrator.isWatched(watched.id)).toBe(true);

    for (const session of [unwatched, watched]) {
      const recall = await watcher.api.recalls.create({
        sessionId: session.id,
        schedule: { kind: 'once', at: Date.now() + 3_600_000 },
        message: 'Check it',
      });
      await watcher.api.recalls.runNow({ id: recall.id });
    }
    const unreadIn = async () =>
      (await other.api.sessions.list()).filter((session) => session.unread).map((session) => session.title);
    await expect.poll(() => heard.filter((event) => event.type === 'recall-fired').length, { timeout: 15_000 }).toBe(2);
    expect(await unreadIn()).toEqual(['Deploy']);
    expect(
      heard.some(
        (event) => event.type === 'session-changed' && event.session.id === unwatched.id && event.session.unread,
      ),
    ).toBe(true);

    expect(await watcher.api.sessions.markRead({ id: unwatched.id })).toEqual({ changed: true });
    expect(await watcher.api.sessions.markRead({ id: unwatched.id })).toEqual({ changed: false });
    expect(await unreadIn()).toEqual([]);
    await expect
      .poll(() => heard.findLast((event) => event.type === 'session-changed' && event.session.id === unwatched.id))
      .toMatchObject({ session: { unread: false } });
    subscription.dispose();
  });
});
