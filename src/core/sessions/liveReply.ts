import { forkKey, type Forks, type Message } from '../../shared/contract';
import type { SessionStore } from '../store/sessionStore';
import type { ActiveRun } from './sessionChannel';

/** The reply a run is writing, as a message (what a late window's snapshot shows as live). */
export function partialReply(run: ActiveRun): Message {
  return {
    id: run.replyId,
    sessionId: run.prompt.sessionId,
    parentId: run.prompt.id,
    position: run.prompt.position + 1,
    role: 'assistant',
    parts: [...run.parts],
    status: 'partial',
    origin: run.origin,
    createdAt: run.startedAt,
  };
}

/** Children of the prompt's parent and of the prompt, counting the reply being written. */
export function runForks(store: SessionStore, sessionId: string, run: ActiveRun): Forks {
  const { prompt } = run;
  return {
    [forkKey(prompt.parentId)]: store.childrenOf(sessionId, prompt.parentId),
    // A retry rewrites a reply that is already one of the children.
    [prompt.id]: [...new Set([...store.childrenOf(sessionId, prompt.id), run.replyId])],
  };
}
