import type { NaviClient } from '../../../shared/contract';
import { errorMessage } from '../lib/errorMessage';
import { useConversationStore } from '../stores/conversationStore';
import { mergeOlder } from './messageList';
import { MAX_MESSAGE_PAGE_SIZE, MESSAGE_PAGE_SIZE } from './pageSize';

type Page = Awaited<ReturnType<NaviClient['sessions']['get']>>;

/** The page before a conversation's first loaded message, asked for ahead of the click (at most one). */
let ahead:
  | {
      readonly api: NaviClient;
      readonly sessionId: string;
      readonly before: string;
      readonly limit: number;
      readonly at: number;
      readonly page: Promise<Page>;
    }
  | undefined;

/** How long a page asked for ahead counts as fresh enough to use. */
const AHEAD_MS = 2_000;

/**
 * Asks for the page "Load earlier messages" will put in front, as the mouse button goes down on it
 * (the click comes as it comes up, a tenth of a second later for a person): the core reads it while
 * the press lasts. Asked once per press; the click takes it (loadEarlierMessages).
 */
export function prefetchEarlierMessages(api: NaviClient, sessionId: string, limit: number = MESSAGE_PAGE_SIZE): void {
  const conversation = useConversationStore.getState().conversations[sessionId];
  const first = conversation?.messages[0];
  if (!conversation || !first || !conversation.hasMore || conversation.loadingEarlier) return;
  if (fits(api, sessionId, first.id, limit)) return;
  const page = api.sessions.get({ id: sessionId, before: first.id, limit });
  // A failure nobody takes is nobody's to report; the click that takes it reports it as its own.
  page.catch(() => {});
  ahead = { api, sessionId, before: first.id, limit, at: performance.now(), page };
}

function fits(api: NaviClient, sessionId: string, before: string, limit: number): boolean {
  return (
    ahead !== undefined &&
    ahead.api === api &&
    ahead.sessionId === sessionId &&
    ahead.before === before &&
    ahead.limit === limit &&
    performance.now() - ahead.at < AHEAD_MS
  );
}

/** The page asked for ahead for exactly this question, taken (used once). */
function takeAhead(api: NaviClient, sessionId: string, before: string, limit: number): Promise<Page> | undefined {
  const taken = fits(api, sessionId, before, limit) ? ahead!.page : undefined;
  ahead = undefined;
  return taken;
}

/** Pages fetched at most to reach a message: 20 of MAX_MESSAGE_PAGE_SIZE reach 10,000 messages back. */
const MAX_PAGES_TO_REACH = 20;

/**
 * Fetches the page of messages before the oldest one loaded and puts it in front. Resolves true
 * when a page was put in front; false when there is none to load or it no longer fits (the branch
 * was switched meanwhile) or the call failed (the error is shown with the conversation).
 */
export async function loadEarlierMessages(
  api: NaviClient,
  sessionId: string,
  limit: number = MESSAGE_PAGE_SIZE,
): Promise<boolean> {
  const { conversations, patch } = useConversationStore.getState();
  const conversation = conversations[sessionId];
  const first = conversation?.messages[0];
  if (!conversation || !first || !conversation.hasMore || conversation.loadingEarlier) return false;
  patch(sessionId, (current) => ({ ...current, loadingEarlier: true, error: undefined }));
  try {
    const page = await (takeAhead(api, sessionId, first.id, limit) ??
      api.sessions.get({ id: sessionId, before: first.id, limit }));
    let merged = false;
    patch(sessionId, (current) => {
      const messages = mergeOlder(page.messages, current.messages);
      // The branch was switched meanwhile and this page no longer leads to it: drop the page.
      if (!messages) return { ...current, loadingEarlier: false };
      merged = true;
      return {
        ...current,
        messages,
        forks: { ...page.forks, ...current.forks },
        hasMore: page.hasMore,
        loadingEarlier: false,
      };
    });
    return merged;
  } catch (error) {
    patch(sessionId, (current) => ({ ...current, loadingEarlier: false, error: errorMessage(error) }));
    return false;
  }
}

/**
 * Loads earlier pages, large ones, until `messageId` is among the loaded messages (a search result
 * far back). Resolves true once it is; false when the branch on screen does not hold it (search
 * covers every branch) or it is further back than MAX_PAGES_TO_REACH pages.
 */
export async function loadMessagesThrough(api: NaviClient, sessionId: string, messageId: string): Promise<boolean> {
  const loaded = (): boolean =>
    useConversationStore.getState().conversations[sessionId]?.messages.some((message) => message.id === messageId) ??
    false;
  for (let pages = 0; pages < MAX_PAGES_TO_REACH && !loaded(); pages++) {
    if (!(await loadEarlierMessages(api, sessionId, MAX_MESSAGE_PAGE_SIZE))) break;
  }
  return loaded();
}
