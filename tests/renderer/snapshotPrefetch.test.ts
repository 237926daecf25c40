import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NaviClient } from '../../src/shared/contract';
import { useConnectionStore } from '../../src/renderer/src/stores/connectionStore';
import { useConversationStore } from '../../src/renderer/src/stores/conversationStore';
import { ConversationFeed } from '../../src/renderer/src/sync/conversationFeed';
import {
  prefetchConversation,
  prefetchConversationOnce,
  prefetchedConversation,
  prefetchInFlight,
  takePrefetched,
} from '../../src/renderer/src/sync/snapshotPrefetch';

/** A core that answers `sessions.get` with a snapshot naming the call that produced it. */
function fakeApi() {
  const asked: string[] = [];
  const api = {
    sessions: {
      get: ({ id }: { id: string }) => {
        asked.push(id);
        const call = asked.length;
        return Promise.resolve({
          session: { id, title: `${id} as of call ${call}` },
          messages: [],
          forks: {},
          hasMore: false,
          usage: { inputTokens: 0, outputTokens: 0 },
          seq: call,
        });
      },
    },
    chat: { subscribe: () => ({ dispose: () => {} }) },
  } as unknown as NaviClient;
  return { api, asked };
}

const manual = () => () => {};
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
const titleOf = (id: string) => useConversationStore.getState().conversations[id]?.session?.title;

describe('a conversation prefetched as its link is clicked', () => {
  beforeEach(() => {
    useConnectionStore.getState().setState('open');
    useConversationStore.setState({ conversations: {} });
  });
  afterEach(() => {
    void takePrefetched(undefined as unknown as NaviClient, ''); // empty the slot
  });

  it('is what its feed shows first, without asking the core again', async () => {
    const { api, asked } = fakeApi();
    prefetchConversation(api, 'a');
    expect(asked).toEqual(['a']);
    const feed = new ConversationFeed(api, 'a', manual);
    await settle();
    expect(asked).toEqual(['a']);
    expect(titleOf('a')).toBe('a as of call 1');
    // A later resync (a reconnection) asks afresh.
    useConnectionStore.getState().setState('closed');
    useConnectionStore.getState().setState('open');
    await settle();
    expect(asked).toEqual(['a', 'a']);
    expect(titleOf('a')).toBe('a as of call 2');
    feed.dispose();
  });

  it('is used once, by the next feed to start, and only for its own conversation', async () => {
    const { api, asked } = fakeApi();
    prefetchConversation(api, 'b');
    const a = new ConversationFeed(api, 'a', manual);
    await settle();
    expect(asked).toEqual(['b', 'a']);
    // The feed for "a" dropped the slot: a feed for "b" now asks for a fresh snapshot.
    const b = new ConversationFeed(api, 'b', manual);
    await settle();
    expect(asked).toEqual(['b', 'a', 'b']);
    expect(titleOf('b')).toBe('b as of call 3');
    a.dispose();
    b.dispose();
  });

  it('asked for while the page first connects, is what its feed shows once the connection opens', async () => {
    const { api, asked } = fakeApi();
    useConnectionStore.setState({ state: 'connecting', generation: 0 });
    prefetchConversation(api, 'a');
    expect(asked).toEqual(['a']);
    // The views come up before the socket has opened: the feed waits for the connection.
    const feed = new ConversationFeed(api, 'a', manual);
    await settle();
    expect(titleOf('a')).toBeUndefined();
    useConnectionStore.getState().setState('open');
    await settle();
    expect(asked).toEqual(['a']);
    expect(titleOf('a')).toBe('a as of call 1');
    feed.dispose();
  });

  it('once it has come, is the conversation a view opens with, and its feed keeps that very object', async () => {
    const { api, asked } = fakeApi();
    prefetchConversation(api, 'a');
    expect(prefetchInFlight(api, 'a')).toBeDefined();
    expect(prefetchInFlight(api, 'b')).toBeUndefined();
    expect(prefetchedConversation(api, 'a')).toBeUndefined();
    await settle();
    // The answer is here: nothing is in flight, and a view mounting now renders it at once.
    expect(prefetchInFlight(api, 'a')).toBeUndefined();
    const opening = prefetchedConversation(api, 'a');
    expect(opening?.status).toBe('ready');
    expect(opening?.session?.title).toBe('a as of call 1');
    expect(prefetchedConversation(api, 'b')).toBeUndefined();
    const feed = new ConversationFeed(api, 'a', manual);
    expect(prefetchedConversation(api, 'a')).toBeUndefined(); // taken
    await settle();
    expect(asked).toEqual(['a']);
    // The same object: a view that rendered it has nothing to render again.
    expect(useConversationStore.getState().conversations['a']).toBe(opening);
    feed.dispose();
  });

  it('asked for again at once (a press, then its click), is asked for once', async () => {
    const { api, asked } = fakeApi();
    prefetchConversationOnce(api, 'a');
    prefetchConversationOnce(api, 'a');
    expect(asked).toEqual(['a']);
    prefetchConversationOnce(api, 'b');
    expect(asked).toEqual(['a', 'b']);
    // Taken by its feed: the next one asks afresh.
    expect(takePrefetched(api, 'b')).toBeDefined();
    prefetchConversationOnce(api, 'b');
    expect(asked).toEqual(['a', 'b', 'b']);
  });

  it('is not asked for while the connection is down', async () => {
    const { api, asked } = fakeApi();
    useConnectionStore.getState().setState('closed');
    prefetchConversation(api, 'a');
    expect(asked).toEqual([]);
    expect(takePrefetched(api, 'a')).toBeUndefined();
  });
});
