import type { NaviClient } from '../../../shared/contract';
import { useConnectionStore } from '../stores/connectionStore';
import { MESSAGE_PAGE_SIZE } from './pageSize';

type Snapshot = Awaited<ReturnType<NaviClient['sessions']['get']>>;

interface Prefetched {
  readonly api: NaviClient;
  readonly sessionId: string;
  readonly snapshot: Promise<Snapshot>;
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
  // A failure nobody takes is nobody's to report; the feed that takes it handles it as its own.
  snapshot.catch(() => {});
  slot = { api, sessionId, snapshot };
}

/**
 * The answer prefetched for `sessionId` through `api`, if that is what was asked for last. Taking
 * empties the slot (whatever it held), so a snapshot is used once, by the next feed to start.
 */
export function takePrefetched(api: NaviClient, sessionId: string): Promise<Snapshot> | undefined {
  const taken = slot;
  slot = undefined;
  return taken && taken.api === api && taken.sessionId === sessionId ? taken.snapshot : undefined;
}
