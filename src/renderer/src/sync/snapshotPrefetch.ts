import type { NaviClient } from '../../../shared/contract';
import { useConnectionStore } from '../stores/connectionStore';
import { applySnapshot } from './applyChatEvent';
import type { Conversation } from './conversation';
import { MESSAGE_PAGE_SIZE } from './pageSize';

type Snapshot = Awaited<ReturnType<NaviClient['sessions']['get']>>;

interface Prefetched {
  readonly api: NaviClient;
  readonly sessionId: string;
  /** When it was asked for (performance.now()). */
  readonly at: number;
  readonly snapshot: Promise<Snapshot>;
  /** The answer has come (or the question failed). */
  settled: boolean;
  /** The answer, once it has come, and the conversation the store would make of it. */
  answer?: Snapshot;
  conversation?: Conversation;
}

/** What a feed takes: the prefetched question, and its answer and the conversation made of it if it has come. */
export interface TakenPrefetch {
  readonly snapshot: Promise<Snapshot>;
  readonly answer: Snapshot | undefined;
  readonly conversation: Conversation | undefined;
}

/** At most one: the conversation a link was last clicked to. */
let slot: Prefetched | undefined;

/**
 * Asks for a conversation's latest page (what its feed asks for first) before its view asks: as a
 * link to it is clicked, while the page tears down the conversation it leaves, and as the page
 * starts, while the rest of its code loads. The question travels, and the core answers, while that
 * happens instead of after it.
 */
export function prefetchConversation(api: NaviClient, sessionId: string): void {
  slot = undefined;
  // While the socket is first connecting (the page is loading) the question waits in the
  // transport and goes out as it opens; while it is down, nothing is asked.
  if (useConnectionStore.getState().state === 'closed') return;
  const snapshot = api.sessions.get({ id: sessionId, limit: MESSAGE_PAGE_SIZE });
  const prefetched: Prefetched = { api, sessionId, at: performance.now(), snapshot, settled: false };
  snapshot.then(
    (answer) => {
      prefetched.settled = true;
      prefetched.answer = answer;
      prefetched.conversation = applySnapshot(undefined, answer);
    },
    // A failure nobody takes is nobody's to report; the feed that takes it handles it as its own.
    () => {
      prefetched.settled = true;
    },
  );
  slot = prefetched;
}

/** How long a prefetched page counts as fresh enough to open with, when it is asked for again. */
const REUSE_MS = 2_000;

/**
 * As prefetchConversation, unless that conversation was asked for in the last moments and nobody
 * has taken it yet: a press on a link asks as the button goes down, and the click that follows
 * (as it comes up) uses that question instead of asking again.
 */
export function prefetchConversationOnce(api: NaviClient, sessionId: string): void {
  if (slot && slot.api === api && slot.sessionId === sessionId && performance.now() - slot.at < REUSE_MS) return;
  prefetchConversation(api, sessionId);
}

/**
 * The question asked for `sessionId` through `api` while its answer is still on its way and
 * nobody has taken it: the main view keeps what it shows until it has come (useShownRoute).
 */
export function prefetchInFlight(api: NaviClient, sessionId: string): Promise<Snapshot> | undefined {
  return slot && !slot.settled && slot.api === api && slot.sessionId === sessionId ? slot.snapshot : undefined;
}

/**
 * The prefetched conversation, once its answer has come and while no feed has taken it: the view
 * about to show it renders its messages in its first render (no loading state in between). Its
 * feed takes the same object into the store, so that render is not repeated.
 */
export function prefetchedConversation(api: NaviClient, sessionId: string): Conversation | undefined {
  return slot && slot.api === api && slot.sessionId === sessionId ? slot.conversation : undefined;
}

/**
 * The answer prefetched for `sessionId` through `api`, if that is what was asked for last. Taking
 * empties the slot (whatever it held), so a snapshot is used once, by the next feed to start.
 */
export function takePrefetched(api: NaviClient, sessionId: string): TakenPrefetch | undefined {
  const taken = slot;
  slot = undefined;
  return taken && taken.api === api && taken.sessionId === sessionId
    ? { snapshot: taken.snapshot, answer: taken.answer, conversation: taken.conversation }
    : undefined;
}
