import { endsWaiting, foldReplyPiece, type ReplyPiece } from '../../../shared/chat/replyFold';
import type { ChatEvent, Message, SessionSnapshot } from '../../../shared/contract';
import type { Conversation, LiveRun } from './conversation';
import { continueBranch, mergeForks, mergeOlder, upsertMessage } from './messageList';

/** A fresh picture of the session; older pages this window already loaded are kept. */
export function applySnapshot(previous: Conversation | undefined, snapshot: SessionSnapshot): Conversation {
  const keptOlder = previous?.status === 'ready' ? previous.messages : [];
  // Older pages stay when the snapshot continues the same branch (not after a switch to another).
  const merged =
    keptOlder.length > 0 && snapshot.messages.length > 0 ? mergeOlder(keptOlder, snapshot.messages) : undefined;
  return {
    status: 'ready',
    session: snapshot.session,
    messages: merged ?? snapshot.messages,
    forks: merged ? { ...previous?.forks, ...snapshot.forks } : snapshot.forks,
    hasMore: merged ? (previous?.hasMore ?? snapshot.hasMore) : snapshot.hasMore,
    usage: snapshot.usage,
    live: snapshot.activeRun
      ? {
          runId: snapshot.activeRun.runId,
          origin: snapshot.activeRun.origin,
          reply: snapshot.activeRun.partial,
          toolProgress: Object.fromEntries(
            (snapshot.activeRun.toolProgress ?? []).map((progress) => [progress.toolCallId, progress]),
          ),
          elicitations: snapshot.activeRun.elicitations ?? [],
          status: snapshot.activeRun.status,
        }
      : undefined,
    seq: snapshot.seq,
  };
}

/** Folds a streamed piece into the live reply (shared/chat/replyFold, as the core does). */
function foldLive(live: LiveRun, piece: ReplyPiece): LiveRun {
  const status = endsWaiting(piece) ? undefined : live.status;
  return { ...live, status, reply: { ...live.reply, parts: foldReplyPiece(live.reply.parts, piece) } };
}

function withStored(conversation: Conversation, message: Message | undefined): Conversation {
  return message ? { ...conversation, messages: upsertMessage(conversation.messages, message) } : conversation;
}

/** A run's stored reply adds what it cost to the conversation's total. */
function withUsage(conversation: Conversation, message: Message | undefined): Conversation {
  const usage = message?.usage;
  if (!usage) return conversation;
  return {
    ...conversation,
    usage: {
      inputTokens: conversation.usage.inputTokens + usage.inputTokens,
      outputTokens: conversation.usage.outputTokens + usage.outputTokens,
    },
  };
}

function endRun(conversation: Conversation, runId: string): Conversation {
  return conversation.live?.runId === runId ? { ...conversation, live: undefined } : conversation;
}

/** Folds one event into the conversation. Pure: returns a new object when anything changed. */
export function applyChatEvent(conversation: Conversation, event: ChatEvent): Conversation {
  const next = applyEventBody(conversation, event);
  return { ...next, seq: event.seq };
}

function applyEventBody(conversation: Conversation, event: ChatEvent): Conversation {
  const { live } = conversation;
  switch (event.type) {
    case 'run-started': {
      // A retry rewrites the failed reply stored under `replyId` in place (what follows it stays);
      // the live reply stands in for it until it is stored again.
      const retried = conversation.messages.some((message) => message.id === event.replyId);
      const branch = retried
        ? { messages: conversation.messages.filter((message) => message.id !== event.replyId), found: true }
        : continueBranch(conversation.messages, event.prompt);
      return {
        ...conversation,
        messages: branch.messages,
        hasMore: branch.found ? conversation.hasMore : true,
        forks: mergeForks(conversation.forks, event.forks),
        orphanRunError: undefined,
        live: {
          runId: event.runId,
          origin: event.origin,
          reply: {
            id: event.replyId,
            sessionId: event.prompt.sessionId,
            parentId: event.prompt.id,
            position: event.prompt.position + 1,
            role: 'assistant',
            parts: [],
            status: 'partial',
            origin: event.origin,
            createdAt: event.prompt.createdAt,
          },
        },
      };
    }
    case 'text-delta':
    case 'tool-call':
    case 'tool-approval':
      if (live?.runId !== event.runId) return conversation;
      return { ...conversation, live: foldLive(live, event) };
    case 'tool-result': {
      if (live?.runId !== event.runId) return conversation;
      const { [event.toolCallId]: _finished, ...stillRunning } = live.toolProgress ?? {};
      return { ...conversation, live: foldLive({ ...live, toolProgress: stillRunning }, event) };
    }
    case 'run-status':
      if (live?.runId !== event.runId) return conversation;
      return { ...conversation, live: { ...live, status: event.status } };
    case 'tool-progress':
      if (live?.runId !== event.runId) return conversation;
      return {
        ...conversation,
        live: { ...live, toolProgress: { ...live.toolProgress, [event.progress.toolCallId]: event.progress } },
      };
    case 'elicitation-requested':
      if (live?.runId !== event.runId) return conversation;
      return { ...conversation, live: { ...live, elicitations: [...(live.elicitations ?? []), event.elicitation] } };
    case 'elicitation-resolved':
      if (live?.runId !== event.runId) return conversation;
      return {
        ...conversation,
        live: {
          ...live,
          elicitations: (live.elicitations ?? []).filter((pending) => pending.id !== event.elicitationId),
        },
      };
    case 'run-completed':
    case 'run-stopped':
      return endRun(withUsage(withStored(conversation, event.message), event.message), event.runId);
    case 'run-error':
      return {
        ...endRun(withUsage(withStored(conversation, event.message), event.message), event.runId),
        orphanRunError: event.message ? undefined : event.error,
      };
    case 'message-added':
      return withStored(conversation, event.message);
    case 'branch-switched':
      // The feed loads the new branch (a snapshot); nothing to fold in here.
      return conversation;
    case 'session-updated':
      return { ...conversation, session: event.session };
    case 'session-deleted':
      return { ...conversation, status: 'missing', live: undefined };
  }
}
